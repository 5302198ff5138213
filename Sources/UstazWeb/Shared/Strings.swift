import UstazCore

/// Every piece of interface text, once per language. A missing translation is a compile error:
/// each language is a full `StringTable` value.
struct StringTable: Sendable {
    var languageName: String
    var skipToContent: String
    var tagline: String
    var homeHeading: String
    var homeIntro: String
    var homeCascade: String
    var homeVerify: String
    var nationalProgress: String
    var certifiedTeachers: String
    var schoolsTaking: String
    var cohortsRunning: String
    var teachersEnrolled: String
    var ofTarget: @Sendable (String) -> String
    var signIn: String
    var signOut: String
    var login: String
    var password: String
    var signInFailed: String
    var signInThrottled: String
    var formExpired: String
    var dashboard: String
    var greeting: @Sendable (String) -> String
    var yourRoles: String
    var myCertificates: String
    var myCohorts: String
    var myLearning: String
    var noCertificatesYet: String
    var noCohortsYet: String
    var noLearningYet: String
    var lessonsDone: @Sendable (Int, Int) -> String
    var members: @Sendable (Int) -> String
    var completed: String
    var inProgress: String
    var catalogue: String
    var catalogueIntro: String
    var lessonsCount: @Sendable (Int) -> String
    var minutes: @Sendable (Int) -> String
    var setupTitle: String
    var setupIntro: String
    var fullName: String
    var repeatPassword: String
    var createAdministrator: String
    var passwordTooShort: String
    var passwordsDiffer: String
    var loginTaken: String
    var fieldRequired: String
    var setupLinkInvalid: String
    var setupDone: String
    var errorTitle: String
    var notFoundTitle: String
    var backHome: String
    var footer: String
    var roleNames: [Role: String]
    var credentialNames: [CredentialKind: String]
    var serial: String
    var issuedOn: String
    var generationLabel: String
    var verifyCertificate: String
    var language: String
    var lessons: String
    var startCourse: String
    var resume: String
    var openCourse: String
    var lessonNumber: @Sendable (Int) -> String
    var markRead: String
    var takeQuiz: String
    var retakeQuiz: String
    var quiz: String
    var attemptOf: @Sendable (Int, Int) -> String
    var submitAnswers: String
    var scoreLine: @Sendable (Int, Int) -> String
    var quizPassed: String
    var quizNotPassed: String
    var noAttemptsLeft: String
    var attemptsLeft: @Sendable (Int) -> String
    var correctAnswer: String
    var wrongAnswer: String
    var yourChoice: String
    var chooseOne: String
    var chooseAll: String
    var putInOrder: String
    var position: String
    var correctOrder: String
    var backToCourse: String
    var nextLesson: String
    var statusNotStarted: String
    var statusOpened: String
    var statusRead: String
    var statusDone: String
    var bestScore: @Sendable (Int) -> String
    var courseCompleted: String
    var previewNote: String
    var competencies: String
    var passMarkNote: @Sendable (Int, Int) -> String
    var answerEveryQuestion: String
    var courseNotPublished: String
    var review: String
    var reviewIntro: String
    var versionLabel: String
    var statusInReview: String
    var statusApproved: String
    var statusRejected: String
    var statusRetired: String
    var approve: String
    var reject: String
    var commentLabel: String
    var commentRequired: String
    var reviewHistory: String
    var noReviewsYet: String
    var lessonsApproved: @Sendable (Int, Int) -> String
    var ownCourse: String
    var correctMark: String
    var reviewOnlyForReviewers: String
    var notInReview: String
    var verification: String
    var authentic: String
    var notAuthentic: String
    var notAuthenticExplain: String
    var statusValid: String
    var statusExpired: String
    var statusRevokedTitle: String
    var statusSuperseded: String
    var revokedOn: String
    var reasonLabel: String
    var reasonIssuedInError: String
    var reasonAcademicIntegrity: String
    var reasonHolderRequest: String
    var reasonOther: String
    var underReview: String
    var unknownToServer: String
    var holder: String
    var courseLabel: String
    var kindLabel: String
    var expiresOn: String
    var trainerChain: String
    var newerCertificate: String
    var offlineNote: String
    var revoke: String
    var revokeExplain: String
    var revokedDone: @Sendable (Int) -> String
    var cannotRevoke: String
    var downloadPDF: String
    var downloadPNG: String
    var verifyLink: String
    var certificateTitle: String
    var certificateKind: String
    var expiresLine: @Sendable (String) -> String
    var generationLine: @Sendable (Int) -> String
    var trainerLine: @Sendable (String) -> String
    var scanToVerify: String
    var cohortCertificates: String
    var cohorts: String
    var newCohort: String
    var cohortName: String
    var capacity: String
    var startsOn: String
    var endsOn: String
    var mode: String
    var modeInPerson: String
    var modeOnline: String
    var modeBlended: String
    var createCohort: String
    var refusedNoCredential: String
    var refusedWrongKind: String
    var refusedInvalid: String
    var refusedTooDeep: String
    var datesInvalid: String
    var capacityInvalid: String
    var joinCode: String
    var joinTitle: String
    var joinIntro: String
    var joinButton: String
    var joinConfirm: @Sendable (String) -> String
    var cohortFull: @Sendable (Int) -> String
    var alreadyEnrolled: String
    var unknownJoinCode: String
    var scanToJoin: String
    var progressMatrix: String
    var learner: String
    var lastActivity: String
    var needsHelp: String
    var noOneBehind: String
    var flagInactive: @Sendable (Int) -> String
    var flagFailedTwice: @Sendable (Int) -> String
    var flagBehind: @Sendable (Int, Int) -> String
    var enrolByCSV: String
    var csvHelp: String
    var csvFile: String
    var upload: String
    var importRejected: String
    var importDone: @Sendable (Int, Int) -> String
    var activationCodes: String
    var practicum: String
    var practicumPassed: String
    var practicumFailed: String
    var practicumNone: String
    var recordPracticum: String
    var notes: String
    var lineage: String
    var lineageBelow: String
    var perGeneration: String
    var fidelity: String
    var fidelityIntro: String
    var completionRate: String
    var meanScore: String
    var flaggedTrainer: String
    var learnersCount: String
    var trainer: String
    var activateTitle: String
    var activateIntro: String
    var activationCode: String
    var activate: String
    var activationInvalid: String
    var schools: String
    var importSchools: String
    var schoolsCSVHelp: String
    var schoolsImported: @Sendable (Int) -> String
    var regionLabel: String
    var addOne: String
    var schoolCode: String
    var iinOptional: String
    var addToCohort: String
    var masterTrainers: String
    var issueMasterIntro: String
    var issueCertificate: String
    var personNotFound: String
    var reissueTitle: String
    var reissueExplain: String
    var reissue: String
    var optionalSchoolScope: String
    var unknownSchool: String
    /// The texts of the larger features, in the same language.
    var coverage: CoverageText
    var privacy: PrivacyText
    var offline: OfflineText
    var lists: ListText
    var errors: ErrorText
}

/// One language's texts as pages reach them (`visit.strings.signIn`): a shared reference to its table, made once per
/// language, so a request carries one reference rather than 236 strings to retain and release at every copy.
@dynamicMemberLookup
final class Strings: Sendable {
    let table: StringTable

    init(_ table: StringTable) { self.table = table }

    subscript<Text>(dynamicMember field: KeyPath<StringTable, Text>) -> Text { table[keyPath: field] }
}

extension Strings {
    static func `for`(_ language: Language) -> Strings {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }
}
