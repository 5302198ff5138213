extension ErrorText {
    static let en = ErrorText(
        unauthorized: "Please sign in to continue.",
        forbidden: "You do not have access to this page.",
        notFound: "There is nothing at this address.",
        methodNotAllowed: "This address does not accept that kind of request.",
        tooLarge: { "What you sent is larger than the \($0) this address accepts." },
        tooManyRequests: { "Too many requests: please wait \($0) seconds and try again." },
        serverError: "Something went wrong on our side. Please try again in a moment.",
        badRequest: "The request could not be understood. Check the address or the form and try again.",
        attachCSV: "Attach the CSV file (UTF-8 text).",
        practicumChoice: "Choose passed or not passed for the practice lesson.",
        chooseRegion: "Choose one of the 20 regions.",
        noSuchTable: { name, tables in "There is no coverage table \"\(name)\"; the tables are \(tables)." },
        tableForStaff: "This table is for coordinators and administrators.",
        decisionChoice: "The decision must be approve or reject.",
        orderingPositionMissing: { "Every step of question \($0) needs a position number." },
        orderingPositionRepeated: { "In question \($0), each position may be used only once." },
        revocationReason: { "Choose a revocation reason: \($0)." },
        alreadyRevoked: "This certificate is already revoked.",
        alreadyHolds: "This person already holds that certificate.",
        onlyCurrentReissued: "Only a current certificate can be reissued.",
        alreadyReplaced: "That certificate has already been replaced.")
}
