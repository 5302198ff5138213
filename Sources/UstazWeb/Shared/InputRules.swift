import HTTPServer
import UstazCore

/// Forms under the one input rule (`UstazCore.InputText`, docs/SECURITY.md, "Hostile values"): every field of
/// every form, as multi-line text (tabs and line breaks are allowed in comments and notes); field names as single
/// lines. CSV files and the command line apply the same rule through `RosterImport`.
enum InputRules {
    /// The first field holding a forbidden character, with that character as U+XXXX.
    static func firstForbidden(in form: Parameters) -> (field: String, codePoint: String)? {
        for (name, value) in form.pairs {
            if let problem = InputText.problem(in: value, kind: .multiLine) ?? InputText.problem(in: name) {
                return (name, problem.codePoint)
            }
        }
        return nil
    }
}
