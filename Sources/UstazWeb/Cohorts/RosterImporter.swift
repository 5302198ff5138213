import Crypto
import Foundation
public import UstazCore
public import UstazStore

/// Refusals of an import, one line each (file line and column where there is one).
public struct ImportProblems: Error, CustomStringConvertible {
    public let lines: [String]
    public var description: String { lines.joined(separator: "\n") }
}

/// Roster import, all or nothing: schools and teachers from CSV, validated before anything is written. Called by
/// the schools page, a cohort's upload and one-by-one form, and `ustaz import`.
public struct RosterImporter: Sendable {
    let store: Store
    /// Key of the keyed hash under which IINs are matched.
    let iinKey: SymmetricKey

    /// A keyed hash of an IIN, so duplicates are caught without keeping the number.
    public func iinHash(_ iin: IIN) -> String { Secrets.keyedHash(iin.digits, key: iinKey) }

    /// Parses, validates and imports schools, all or nothing; shared by the page and `ustaz import schools`.
    public func importSchools(csv text: String) throws -> Result<Int, ImportProblems> {
        let rows: [CSVRow]
        do { rows = try CSV.parse(text) } catch { return .failure(ImportProblems(lines: [error.description])) }
        let report = RosterImport.validateSchools(rows)
        guard report.isAcceptable else { return .failure(ImportProblems(lines: report.problems.map(\.description))) }
        do {
            return .success(try store.importSchools(report.rows.map(\.row)))
        } catch let error as StoreError {
            return .failure(ImportProblems(lines: [error.description]))
        }
    }

    /// Parses, validates and imports teachers, all or nothing, optionally into a cohort: `ustaz import teachers`,
    /// run by an administrator on the server (who may enrol existing accounts). A cohort's CSV upload and the
    /// one-by-one form run the same validation and store call as its trainer.
    public func importTeachers(csv text: String, cohortID: Int64? = nil) throws -> Result<TeacherImportResult, ImportProblems> {
        let rows: [CSVRow]
        do { rows = try CSV.parse(text) } catch { return .failure(ImportProblems(lines: [error.description])) }
        return try importTeachers(rows: rows, cohortID: cohortID, by: .administrator, language: .en)
    }

    /// `language` words the refusals of `AccountMatch` (an existing account the importer may not enrol).
    func importTeachers(rows: [CSVRow], cohortID: Int64?, by actor: AccountMatch.Actor,
                        language: Language) throws -> Result<TeacherImportResult, ImportProblems> {
        let report = RosterImport.validateTeachers(rows, knownSchoolCodes: try store.schoolCodes())
        guard report.isAcceptable else { return .failure(ImportProblems(lines: report.problems.map(\.description))) }
        do {
            return .success(try store.importTeachers(report.rows.map(\.row), cohortID: cohortID, by: actor,
                                                     iinHash: iinHash, codeHash: Secrets.hash, now: Date()))
        } catch let error as StoreError {
            return .failure(ImportProblems(lines: [error.description]))
        } catch let refusal as EnrolmentRefusal {
            let text = SecurityText.for(language)
            return .failure(ImportProblems(lines: refusal.refused.map { refused in
                let (line, row) = report.rows[refused.row]
                let message = refused.decision == .refuseOwnCohort ? text.ownCohort : text.needsJoinCode(row.fullName, refusal.joinCode)
                return ImportProblem(line: line, column: "full_name", message: message).description
            }))
        }
    }
}
