import UstazCore

/// Interface text of the privacy and account-recovery pages: profiles, reset codes, export, erasure, the audit log,
/// and the input rules' messages.
struct PrivacyText: Sendable {
    var profile: String
    var contact: String
    var phone: String
    var iinMasked: String
    var school: String
    var noValue: String
    var enrolments: String
    var issueResetCode: String
    var resetCodeIntro: String
    var resetCardTitle: String
    var resetCardHelp: @Sendable (_ hours: Int) -> String
    var notActivatedYet: String
    var resetTitle: String
    var resetIntro: String
    var resetCode: String
    var newPassword: String
    var setPassword: String
    var resetInvalid: String
    var exportData: String
    var exportOwnData: String
    var erase: String
    var eraseTitle: String
    var eraseExplain: String
    var eraseConfirm: String
    var eraseDone: @Sendable (_ revoked: Int) -> String
    var eraseNeedsConfirmation: String
    var eraseRefusedAdmin: String
    var erasedPlaceholder: String
    var erasedNote: String
    var reasonHolderErased: String
    var certificateErased: String
    var auditLog: String
    var auditIntro: String
    var auditPerson: String
    var auditActor: String
    var auditFrom: String
    var auditUntil: String
    var auditAction: String
    var auditWhen: String
    var auditSubject: String
    var auditAddress: String
    var filter: String
    var noEntries: String
    var pageOf: @Sendable (_ page: Int, _ pages: Int, _ total: Int) -> String
    var newer: String
    var older: String
    var unknownPersonFilter: String
    var forbiddenCharacter: @Sendable (_ field: String, _ codePoint: String) -> String
}
