import Foundation
import HTTPServer
import UstazCore

/// One value of a coverage table, typed so the page, the CSV and the JSON show the same number.
enum CoverageCell: Sendable, Equatable {
    case int(Int)
    case optionalInt(Int?)
    /// A percentage held in tenths (253 = 25.3 %), rounded the way `Formatting.percent` rounds.
    case percent(tenths: Int)
    case rate(Double)
    case text(String?)
    case day(Day?)
    case bool(Bool)

    static func percent(_ part: Int, of whole: Int) -> CoverageCell {
        .percent(tenths: whole > 0 ? (part * 1000 + whole / 2) / whole : 0)
    }

    /// The machine form, shared by CSV and JSON: plain digits, a dot for decimals, ISO dates.
    var plain: String? {
        switch self {
        case .int(let value): String(value)
        case .optionalInt(let value): value.map(String.init)
        case .percent(let tenths): "\(tenths / 10).\(tenths % 10)"
        case .rate(let value): String(format: "%.2f", value)
        case .text(let value): value
        case .day(let value): value?.iso
        case .bool(let value): value ? "true" : "false"
        }
    }
}

enum CoverageColumnType: String, Sendable { case integer, number, string, boolean, date }

struct CoverageColumn: Sendable {
    var key: String
    var type: CoverageColumnType
    var nullable = false
}

/// A table of the coverage dashboards: its address under /api/v1/coverage/, columns and access.
struct CoverageTableSpec: Sendable {
    var name: String
    var columns: [CoverageColumn]
    /// Public tables are national aggregates; the others need a coordinator's or an administrator's session.
    var isPublic: Bool

    static let kinds = CoverageTableSpec(name: "kinds", columns: [
        .init(key: "kind", type: .string), .init(key: "people", type: .integer),
    ], isPublic: true)
    static let generations = CoverageTableSpec(name: "generations", columns: [
        .init(key: "generation", type: .integer), .init(key: "people", type: .integer),
    ], isPublic: true)
    static let weeks = CoverageTableSpec(name: "weeks", columns: [
        .init(key: "week_start", type: .date), .init(key: "newly_certified", type: .integer),
        .init(key: "cumulative", type: .integer), .init(key: "complete", type: .boolean),
    ], isPublic: true)
    static let regions = CoverageTableSpec(name: "regions", columns: [
        .init(key: "region", type: .string, nullable: true), .init(key: "name", type: .string),
        .init(key: "certified", type: .integer), .init(key: "in_training", type: .integer), .init(key: "enrolled", type: .integer),
        .init(key: "target", type: .integer), .init(key: "target_is_default", type: .boolean),
        .init(key: "target_source", type: .string, nullable: true), .init(key: "percent_of_target", type: .number),
        .init(key: "weekly_rate", type: .number), .init(key: "reaches_target_on", type: .date, nullable: true),
        .init(key: "on_track", type: .boolean),
    ], isPublic: true)
    static let pilot = CoverageTableSpec(name: "pilot", columns: [
        .init(key: "wave", type: .integer), .init(key: "school_kind", type: .string), .init(key: "schools", type: .integer),
        .init(key: "with_certified", type: .integer), .init(key: "with_native_language", type: .integer),
        .init(key: "with_mathematics", type: .integer), .init(key: "with_digital_literacy", type: .integer),
        .init(key: "with_ai_fundamentals", type: .integer), .init(key: "with_all_subjects", type: .integer),
    ], isPublic: false)
    static let capacity = CoverageTableSpec(name: "capacity", columns: [
        .init(key: "region", type: .string), .init(key: "name", type: .string), .init(key: "lead_trainers", type: .integer),
        .init(key: "cohort_size", type: .integer), .init(key: "seats_per_round", type: .integer),
        .init(key: "still_to_train", type: .integer), .init(key: "rounds_left", type: .integer),
        .init(key: "trainers_needed", type: .integer, nullable: true), .init(key: "shortfall", type: .integer, nullable: true),
        .init(key: "short", type: .boolean),
    ], isPublic: false)

    static let all: [CoverageTableSpec] = [kinds, generations, weeks, regions, pilot, capacity]
}

/// A table's rows, ready for the page, CSV or JSON.
struct CoverageTable: Sendable, Encodable {
    var spec: CoverageTableSpec
    var rows: [[CoverageCell]]
    var asOf: Date
    /// "national", or the region a coordinator sees.
    var scope: String

    /// RFC 4180 text with a header of the column keys; values as in the JSON.
    var csv: String {
        CSV.write([spec.columns.map(\.key)] + rows.map { $0.map { $0.plain ?? "" } })
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Row: Encodable {
        var columns: [CoverageColumn]
        var cells: [CoverageCell]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (column, cell) in zip(columns, cells) {
                let key = Key(column.key)
                switch cell {
                case .int(let value): try container.encode(value, forKey: key)
                case .optionalInt(let value): try container.encode(value, forKey: key)
                case .percent(let tenths): try container.encode(Double(tenths) / 10, forKey: key)
                case .rate(let value): try container.encode((value * 100).rounded() / 100, forKey: key)
                case .text(let value): try container.encode(value, forKey: key)
                case .day(let value): try container.encode(value?.iso, forKey: key)
                case .bool(let value): try container.encode(value, forKey: key)
                }
            }
        }
    }

    private enum Keys: String, CodingKey { case table, asOf = "as_of", scope, rows }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(spec.name, forKey: .table)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(scope, forKey: .scope)
        try container.encode(rows.map { Row(columns: spec.columns, cells: $0) }, forKey: .rows)
    }
}

extension CoverageReport {
    /// Which rows a viewer may see: the whole country, or one region.
    enum Scope: Sendable, Equatable {
        case national
        case region(String)

        var name: String {
            switch self {
            case .national: "national"
            case .region(let id): id
            }
        }

        func includes(_ regionID: String?) -> Bool {
            switch self {
            case .national: true
            case .region(let id): regionID == id
            }
        }
    }

    func regionName(_ id: String?, _ language: Language, _ text: CoverageText) -> String {
        id.flatMap(Region.named).map { $0.name[language] } ?? text.noRegion
    }

    func table(_ spec: CoverageTableSpec, scope: Scope, language: Language) -> CoverageTable {
        let text = CoverageText.for(language)
        let rows: [[CoverageCell]]
        switch spec.name {
        case "kinds":
            rows = CredentialKind.allCases.map { [.text($0.rawValue), .int(byKind[$0] ?? 0)] }
        case "generations":
            rows = byGeneration.keys.sorted().map { [.int($0), .int(byGeneration[$0]!)] }
        case "weeks":
            let current = CoverageWeek.start(of: today)
            rows = weeks.map { [.day($0.start), .int($0.newly), .int($0.cumulative), .bool($0.start < current)] }
        case "regions":
            rows = regions.filter { scope.includes($0.id) }.map { row in
                [.text(row.id), .text(regionName(row.id, language, text)), .int(row.certified), .int(row.inTraining),
                 .int(row.enrolled), .int(row.target), .bool(row.targetIsDefault), .text(row.targetSource),
                 .percent(row.certified, of: row.target), .rate(row.projection?.weeklyRate ?? 0),
                 .day(row.projection?.reachesTargetOn), .bool(row.projection?.onTrack ?? false)]
            }
        case "pilot":
            let schools = pilotSchools.filter { scope.includes($0.regionID) }
            let groups = Dictionary(grouping: schools) { "\($0.wave)|\($0.kind)" }
            rows = groups.keys.sorted().map { key in
                let group = groups[key]!
                func count(_ subject: PilotSubject) -> CoverageCell { .int(group.filter { $0.subjects.contains(subject) }.count) }
                return [.int(group[0].wave), .text(group[0].kind), .int(group.count), .int(group.filter { $0.certified > 0 }.count),
                        count(.nativeLanguage), count(.mathematics), count(.digitalLiteracy), count(.aiFundamentals),
                        .int(group.filter { $0.subjects.count == PilotSubject.allCases.count }.count)]
            }
        default:
            rows = regions.filter { $0.id != nil && scope.includes($0.id) }.compactMap { row in
                guard let capacity = row.capacity else { return nil }
                return [.text(row.id), .text(regionName(row.id, language, text)), .int(capacity.leadTrainers),
                        .int(settings.cohortSize), .int(capacity.seatsPerRound), .int(capacity.stillToTrain),
                        .int(capacity.roundsLeft), .optionalInt(capacity.trainersNeeded), .optionalInt(capacity.shortfall),
                        .bool(capacity.isShort)]
            }
        }
        return CoverageTable(spec: spec, rows: rows, asOf: asOf, scope: spec.isPublic ? "national" : scope.name)
    }
}
