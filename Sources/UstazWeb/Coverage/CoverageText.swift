import Foundation
import UstazCore

/// Interface text of the coverage dashboards in Kazakh, Russian and English.
struct CoverageText: Sendable {
    var title: String
    var intro: String
    var asOf: @Sendable (String) -> String
    var national: String
    var certified: String
    var target: String
    var ofTarget: @Sendable (String) -> String
    var enrolled: String
    var inTraining: String
    var byKind: String
    var kind: String
    var people: String
    var byGeneration: String
    var generation: String
    var weekly: String
    var weekStart: String
    var newlyCertified: String
    var cumulative: String
    var complete: String
    var yes: String
    var no: String
    var running: String
    var projection: String
    var method: @Sendable (Int) -> String
    var rate: @Sendable (String) -> String
    var reachesOn: @Sendable (String) -> String
    var notAtCurrentRate: String
    var notWithinYears: @Sendable (Int) -> String
    var alreadyReached: String
    var targetDate: String
    var expectedBy: @Sendable (String, String) -> String
    var onTrack: String
    var offTrack: String
    var progressChart: String
    var progressChartDescription: String
    var weeklyChart: String
    var regions: String
    var region: String
    var targetSource: String
    var defaultTarget: String
    var defaultTargetNote: String
    var percentOfTarget: String
    var weeklyRate: String
    var noRegion: String
    var regionsChart: String
    var pilot: String
    var pilotIntro: String
    var wave: String
    var schoolKind: String
    var schoolKinds: [String: String]
    var schools: String
    var withCertified: String
    var subjects: [PilotSubject: String]
    var withAllSubjects: String
    var noPilotSchools: String
    var capacity: String
    var capacityMethod: @Sendable (Int, Int) -> String
    var leadTrainers: String
    var cohortSize: String
    var seatsPerRound: String
    var stillToTrain: String
    var roundsLeft: String
    var trainersNeeded: String
    var shortfall: String
    var short: String
    var enough: String
    var noRoundLeft: String
    var download: String
    var scopeRegion: @Sendable (String) -> String
    var publicNote: String
    var setTarget: String
    var setTargetHelp: String
    var source: String
    var save: String
    var settings: String
    var nationalTarget: String
    var roundWeeks: String
    var teachersInCountry: String
    var teachersInCountryHelp: String
    var targetBeyondCountry: @Sendable (String) -> String
    var paceFlattens: @Sendable (String, String) -> String
    var targetInvalid: String
    var sourceRequired: String
    var settingInvalid: String
    var saved: String
    var noCertificatesYet: String

}

extension Formatting {
    /// A rate with up to two decimals, with the language's decimal mark ("2.25", "2,25", "3").
    static func decimal(_ value: Double, _ language: Language) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return language == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
