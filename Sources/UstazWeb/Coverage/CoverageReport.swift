import Foundation
import Synchronization
import UstazCore
import UstazStore

/// The figures the coverage settings hold, with their defaults and where each default comes from.
struct CoverageSettings: Sendable, Equatable {
    var nationalTarget: Int
    /// Default 31 August 2028: the domain reference dates full integration of AI lessons into the
    /// national curriculum to August 2028, so teachers must be certified before that school year.
    var targetDate: Day
    /// Default 25: the domain reference gives 15–25 per trainer, and 25 in its 350,000 → 14,000 estimate.
    var cohortSize: Int
    /// Default 6 weeks: an 8-lesson course with a practicum, as the demo cohorts run.
    var roundWeeks: Int
    /// The ceiling of every projection: default the ministry's count (domain reference).
    var teachersInCountry: Int

    static let defaultTargetDate = Day(iso: "2028-08-31")!
    static let keys = (nationalTarget: "coverage.national-target", targetDate: "coverage.target-date",
                       cohortSize: "coverage.cohort-size", roundWeeks: "coverage.round-weeks",
                       teachersInCountry: "coverage.teachers-in-country")

    static func load(_ store: Store, configuration: AppConfiguration) throws -> CoverageSettings {
        func number(_ key: String, _ fallback: Int) throws -> Int { try store.setting(key).flatMap(Int.init) ?? fallback }
        return CoverageSettings(nationalTarget: try number(keys.nationalTarget, configuration.nationalTarget),
                                targetDate: try store.setting(keys.targetDate).flatMap(Day.init(iso:)) ?? defaultTargetDate,
                                cohortSize: try number(keys.cohortSize, 25), roundWeeks: try number(keys.roundWeeks, 6),
                                teachersInCountry: try number(keys.teachersInCountry, CoverageProjection.defaultPopulation))
    }
}

/// Every figure of the coverage dashboards, computed once from one consistent read of the database.
struct CoverageReport: Sendable {
    struct RegionRow: Sendable {
        var id: String?
        var certified = 0
        var enrolled = 0
        var inTraining = 0
        var target = 0
        var targetIsDefault = true
        var targetSource: String?
        var newlyCertified: [Day: Int] = [:]
        var leadTrainers = 0
        var projection: CoverageProjection?
        var capacity: TrainerCapacity?
    }

    struct PilotSchoolRow: Sendable {
        var regionID: String
        var kind: String
        var wave: Int
        var certified: Int
        var subjects: Set<PilotSubject>
    }

    var asOf: Date
    var today: Day
    var settings: CoverageSettings
    var certified = 0
    var enrolled = 0
    var inTraining = 0
    var byKind: [CredentialKind: Int] = [:]
    var byGeneration: [Int: Int] = [:]
    var newlyCertified: [Day: Int] = [:]
    var projection: CoverageProjection
    /// The 20 regions in the reference order, then (if any) the people with no region recorded.
    var regions: [RegionRow]
    var pilotSchools: [PilotSchoolRow]
    var schools: Int
    var cohorts: Int

    init(facts: CoverageFacts, settings: CoverageSettings, today: Day, asOf: Date) {
        self.asOf = asOf
        self.today = today
        self.settings = settings
        schools = facts.schools
        cohorts = facts.cohorts
        var rows: [String?: RegionRow] = [:]
        var weekOf: [String: Day] = [:]  // a few hundred distinct days among hundreds of thousands of people
        for group in facts.certified {
            certified += group.people
            byKind[group.kind, default: 0] += group.people
            byGeneration[group.generation, default: 0] += group.people
            let week: Day
            if let known = weekOf[group.firstIssuedOn] {
                week = known
            } else {
                week = CoverageWeek.start(of: Day(iso: group.firstIssuedOn) ?? today)
                weekOf[group.firstIssuedOn] = week
            }
            newlyCertified[week, default: 0] += group.people
            rows[group.regionID, default: RegionRow(id: group.regionID)].certified += group.people
            rows[group.regionID, default: RegionRow(id: group.regionID)].newlyCertified[week, default: 0] += group.people
        }
        for training in facts.training {
            enrolled += training.enrolled
            inTraining += training.inTraining
            rows[training.regionID, default: RegionRow(id: training.regionID)].enrolled += training.enrolled
            rows[training.regionID, default: RegionRow(id: training.regionID)].inTraining += training.inTraining
        }
        for (region, leads) in facts.leadTrainers { rows[region, default: RegionRow(id: region)].leadTrainers = leads }
        projection = CoverageProjection(newlyCertified: newlyCertified, certified: certified, target: settings.nationalTarget,
                                        today: today, targetDate: settings.targetDate, population: settings.teachersInCountry)

        let explicit = Dictionary(facts.regions.compactMap { region in region.target.map { (region.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let sources = Dictionary(facts.regions.map { ($0.id, $0.source) }, uniquingKeysWith: { a, _ in a })
        let order = Region.all.map(\.id)
        let targets = RegionTargets.resolve(national: settings.nationalTarget, explicit: explicit, order: order)
        regions = order.map { id in
            var row = rows[id] ?? RegionRow(id: id)
            let target = targets[id] ?? RegionTargets.Target(value: 0, isDefault: true)
            row.target = target.value
            row.targetIsDefault = target.isDefault
            row.targetSource = target.isDefault ? nil : sources[id] ?? nil
            // No official count of teachers per region exists: a region is bounded by the country.
            row.projection = CoverageProjection(newlyCertified: row.newlyCertified, certified: row.certified, target: row.target,
                                                today: today, targetDate: settings.targetDate, population: settings.teachersInCountry)
            row.capacity = TrainerCapacity(leadTrainers: row.leadTrainers, cohortSize: settings.cohortSize,
                                           stillToTrain: max(0, row.target - row.certified), today: today,
                                           targetDate: settings.targetDate, roundWeeks: settings.roundWeeks)
            return row
        }
        // People whose region is unknown (or names a region no longer listed) still count nationally.
        let known = Set(order)
        var unassigned = RegionRow(id: nil)
        for (id, row) in rows where id == nil || !known.contains(id!) {
            unassigned.certified += row.certified
            unassigned.enrolled += row.enrolled
            unassigned.inTraining += row.inTraining
            unassigned.leadTrainers += row.leadTrainers
        }
        if unassigned.certified + unassigned.enrolled + unassigned.leadTrainers > 0 { regions.append(unassigned) }

        // Teachers write their subjects in few distinct ways; each way is read once.
        var subjectsOf: [String: Set<PilotSubject>] = [:]
        pilotSchools = facts.pilotSchools.map { school in
            var subjects = Set<PilotSubject>()
            for text in school.certifiedSubjects.compactMap({ $0 }) where subjects.count < PilotSubject.allCases.count {
                if subjectsOf[text] == nil { subjectsOf[text] = PilotSubject.found(in: text) }
                subjects.formUnion(subjectsOf[text]!)
            }
            return PilotSchoolRow(regionID: school.regionID, kind: school.kind, wave: school.wave,
                                  certified: school.certifiedSubjects.count, subjects: subjects)
        }
    }

    /// Weeks from the first certificate to the current one (the last is still running), or to the
    /// last certificate's if one is dated ahead, so the cumulative count always ends at the total.
    var weeks: [(start: Day, newly: Int, cumulative: Int)] {
        guard let first = newlyCertified.keys.min(), let latest = newlyCertified.keys.max() else { return [] }
        let last = max(CoverageWeek.start(of: today), latest)
        var result: [(Day, Int, Int)] = []
        var total = 0
        var week = first
        while week <= max(last, first) {
            let newly = newlyCertified[week] ?? 0
            total += newly
            result.append((week, newly, total))
            week = week.adding(days: 7)
        }
        return result
    }
}

/// The coverage report, recomputed only when the change counter moves or the day turns.
///
/// Reading the counter is one indexed row; the report itself scans every valid credential (a second
/// or more for 350,000 people), so it is computed once per change rather than once per view, with the
/// policy of `SlowReports`: at national scale a view after a change gets the last report at once (its
/// time is on the page) while one background thread computes the next, at most once a minute.
final class CoverageBoard: Sendable {
    private let reports: SlowReports<CoverageReport>

    init(slow: Duration = .milliseconds(100), minimumRefreshInterval: Duration = .seconds(60)) {
        reports = SlowReports(slow: slow, minimumRefreshInterval: minimumRefreshInterval, capacity: 1)
    }

    func report(_ store: Store, configuration: AppConfiguration, now: Date = Date()) throws -> CoverageReport {
        let today = Day(now)
        return try reports.value(for: "national", counter: try store.coverageChangeCounter(), today: today) {
            CoverageReport(facts: try store.coverageFacts(today: today),
                           settings: try CoverageSettings.load(store, configuration: configuration),
                           today: today, asOf: Date())
        }.value
    }

    /// Computes the report in the background (at start, so the first visitor does not wait).
    func warm(_ store: Store, configuration: AppConfiguration) {
        DispatchQueue.global(qos: .utility).async { _ = try? self.report(store, configuration: configuration) }
    }
}
