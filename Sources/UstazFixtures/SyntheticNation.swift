import Credentials
public import UstazWeb
public import Foundation
public import UstazCore
import UstazStore

/// A national-scale dataset for benchmarks and dashboards: schools in every region, master trainers,
/// lead trainers, cohorts, lesson progress, quiz attempts and signed certificates.
///
/// The same seed and `asOf` day give the same people, schools, cohorts and progress (signatures differ
/// because each data folder has its own keys). The calendar follows the real programme: master trainers
/// certified in June 2026, lead trainers in July–August, teacher cohorts from 1 September 2026.
public struct SyntheticNation: Sendable {
    public struct Options: Sendable {
        public var teachers: Int
        public var seed: UInt64
        public var asOf: Day
        /// Every synthetic account that has signed in uses this password, so benchmarks can sign in.
        public var password: String

        public init(teachers: Int = 350_000, seed: UInt64 = 1, asOf: Day = .today, password: String = "ustaz-synthetic") {
            self.teachers = teachers
            self.seed = seed
            self.asOf = asOf
            self.password = password
        }
    }

    public struct Report: Sendable {
        public var schools = 0, pilotSchools = 0, masterTrainers = 0, leadTrainers = 0, teachers = 0, cohorts = 0
        public var enrolments = 0, lessonRecords = 0, quizAttempts = 0, credentials = 0, revoked = 0, practicals = 0
        public var seconds = 0.0
        public var databaseBytes = 0
    }

    static let programmeStart = Day(iso: "2026-09-01")!
    static let regionCodes = [
        "abai": "ABA", "akmola": "AKM", "aktobe": "AKT", "almaty-region": "ALR", "atyrau": "ATR", "east-kazakhstan": "EKZ",
        "zhambyl": "ZHA", "zhetisu": "ZHE", "karaganda": "KRG", "kostanay": "KST", "kyzylorda": "KZO", "mangystau": "MNG",
        "north-kazakhstan": "NKZ", "pavlodar": "PVL", "turkistan": "TRK", "ulytau": "ULY", "west-kazakhstan": "WKZ",
        "astana": "AST", "almaty": "ALA", "shymkent": "SHM",
    ]
    /// Rough shares of the country's teachers (population-weighted; synthetic, not official figures).
    static let regionWeights: [String: Double] = [
        "turkistan": 12, "almaty": 9, "almaty-region": 8, "astana": 7, "shymkent": 7, "zhambyl": 6, "karaganda": 6,
        "kyzylorda": 5, "aktobe": 5, "east-kazakhstan": 4, "akmola": 4, "kostanay": 4, "pavlodar": 4, "west-kazakhstan": 4,
        "mangystau": 4, "atyrau": 4, "north-kazakhstan": 3, "abai": 3, "zhetisu": 3, "ulytau": 1,
    ]
    static let secondarySubjects = ["mathematics", "digital-literacy", "ai-fundamentals", "native-language", "russian-language",
                                    "english", "history", "physics", "biology", "geography"]

    /// Loads the dataset into an empty database in one transaction.
    public static func load(into ustaz: Ustaz, options: Options) throws -> Report {
        let started = Date()
        let store = ustaz.store
        guard try store.totals().people == 0 else {
            throw StartError("The database already has people in it; seed an empty data folder (use --data).")
        }
        guard options.teachers >= 100 else { throw StartError("Seed at least 100 teachers.") }
        for version in try store.courseVersions() where version.status == "in-review" {
            try store.approveCourseVersion(id: version.id)
        }
        var courses: [String: (course: Course, versionID: Int64, answers: [AnswerSheet])] = [:]
        for id in ["primary-teachers", "lower-secondary-teachers", "upper-secondary-teachers", "lead-trainer-track"] {
            guard let course = ustaz.catalogue.course(id),
                  let version = try store.courseVersion(courseID: id, contentHash: course.contentHash) else {
                throw StartError("The synthetic dataset needs the course \(id) in Courses/.")
            }
            courses[id] = (course, version.id, try course.lessons.map { try AnswerSheet(lesson: $0, passMark: course.passMark) })
        }
        let passwordHash = ustaz.hashPassword(options.password)
        var builder = Builder(options: options, ustaz: ustaz, courses: courses, passwordHash: passwordHash)
        var report = try store.bulkLoad { loader in try builder.build(loader) }
        report.seconds = Date().timeIntervalSince(started)
        report.databaseBytes = store.fileSize()
        return report
    }

    /// A teacher's classroom-practical report, the same words for everyone (no pupil is named).
    static func practical(lesson: String, taughtOn: Day) -> PracticalReport {
        PracticalReport(taughtOn: taughtOn, className: "4 Ә", lessonID: lesson,
                        pupilsDid: "Жұппен жұмыс істеп, карточкаларды сұрыптады және нәтижесін сыныпқа түсіндірді.",
                        pupilQuestion: "Машина қателессе, оны кім түзетеді?",
                        wouldChange: "Талқылауға көбірек уақыт қалдырар едім.", adaptedPlan: nil)
    }

    /// Real draws of one lesson's quiz, each with real answers graded by the real grader: all right, one wrong (each
    /// drawn item in turn, with a different wrong option), more than half wrong.
    struct AnswerSheet {
        struct Variant { var json: String; var score: Int; var passed: Bool; var responses: [ItemResponse] }
        struct Drawn {
            var seed: UInt64
            var items: [String]
            var allRight: Variant, oneWrong: [Variant], halfWrong: Variant
        }

        /// A first attempt's draw, and the draw of the attempt after it (items not yet seen first).
        var pairs: [(first: Drawn, second: Drawn)] = []

        init(lesson: Lesson, passMark: Int) throws {
            func drawn(seen: Set<String>, seed: UInt64) throws -> Drawn {
                let items = QuizDraw.items(for: lesson.quiz, seen: seen, seed: seed)
                func variant(wrong: Set<Int>) throws -> Variant {
                    var answers: [String: [String]] = [:]
                    for (index, id) in items.enumerated() {
                        guard let question = lesson.quiz.question(id) else { continue }
                        let right: [String] = switch question.kind {
                        case .ordering: question.options.map(\.id)
                        default: question.options.filter(\.correct).map(\.id)
                        }
                        let distractors = question.options.filter { !$0.correct }
                        let mistaken: [String] = switch question.kind {
                        case .ordering: question.options.map(\.id).reversed()
                        default: [distractors.isEmpty ? question.options[0].id : distractors[(index + wrong.count) % distractors.count].id]
                        }
                        answers[id] = wrong.contains(index) ? mistaken : right
                    }
                    let grade = try lesson.quiz.grade(answers, items: items, passMark: passMark)
                    let json = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
                    return Variant(json: json, score: grade.score, passed: grade.passed,
                                   responses: ItemResponse.of(lesson.quiz, items: items, answers: answers))
                }
                return Drawn(seed: seed, items: items, allRight: try variant(wrong: []),
                             oneWrong: try items.indices.map { try variant(wrong: [$0]) },
                             halfWrong: try variant(wrong: Set(0...(items.count / 2))))
            }
            for pair in 0..<4 {
                let first = try drawn(seen: [], seed: StableHash.of("\(lesson.id)/\(pair)/1"))
                pairs.append((first, try drawn(seen: Set(first.items), seed: StableHash.of("\(lesson.id)/\(pair)/2"))))
            }
        }
    }

    /// One generation pass; all randomness comes from `random`, in a fixed order.
    struct Builder {
        let options: Options
        let ustaz: Ustaz
        let courses: [String: (course: Course, versionID: Int64, answers: [AnswerSheet])]
        let passwordHash: String
        var random: SeededGenerator
        var report = Report()
        /// Item statistics of the attempts written, as the service keeps them: version → lesson → item → tally.
        var tallies: [Int64: [String: [String: ItemTally]]] = [:]
        var serials: Set<String> = []
        var usedIINs: Set<String> = []
        var iinSerial = 0

        init(options: Options, ustaz: Ustaz, courses: [String: (course: Course, versionID: Int64, answers: [AnswerSheet])],
             passwordHash: String) {
            self.options = options
            self.ustaz = ustaz
            self.courses = courses
            self.passwordHash = passwordHash
            random = SeededGenerator(seed: options.seed)
        }

        struct SchoolSlot { var id: Int64; var regionID: String; var kind: String }
        struct Member { var id: Int64; var name: String; var schoolID: Int64; var regionID: String; var activated: Bool }

        mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
        mutating func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

        func moment(_ day: Day, minute: Int) -> Date { day.date.addingTimeInterval(Double(8 * 3600 + minute * 60)) }

        mutating func build(_ loader: BulkLoader) throws -> Report {
            let asOf = options.asOf
            let schools = try makeSchools(loader)

            // Staff: an administrator, a coordinator per region, reviewers.
            let staffDay = SyntheticNation.programmeStart.adding(days: -120)
            try loader.person(fullName: "Әкімші Ұлттық", login: "admin", passwordHash: passwordHash, language: .kk, schoolID: nil,
                              regionID: "astana", subjects: nil, roles: [.admin], createdAt: staffDay.date, activatedAt: staffDay.date)
            for region in Region.all {
                let name = SyntheticPeople.name(sex: chance(0.6) ? .female : .male, using: &random)
                try loader.person(fullName: name.full, login: "coord.\(region.id)", passwordHash: passwordHash, language: name.language,
                                  schoolID: nil, regionID: region.id, subjects: nil, roles: [.coordinator],
                                  coordinatorRegion: region.id, createdAt: staffDay.date, activatedAt: staffDay.date)
            }
            for index in 1...3 {
                let name = SyntheticPeople.name(sex: .female, using: &random)
                try loader.person(fullName: name.full, login: "reviewer.\(index)", passwordHash: passwordHash, language: name.language,
                                  schoolID: nil, regionID: "astana", subjects: nil, roles: [.reviewer],
                                  createdAt: staffDay.date, activatedAt: staffDay.date)
            }

            // Teachers, school by school (weighted: a small-staffed school has about a quarter of a standard one's staff).
            let weights = schools.map { $0.kind == "small-staffed" ? 1.0 : 3.5 }
            var cumulative: [Double] = []
            cumulative.reserveCapacity(weights.count)
            var total = 0.0
            for weight in weights { total += weight; cumulative.append(total) }
            var byRegion: [String: [(slot: SchoolSlot, index: Int)]] = [:]
            for index in 0..<options.teachers {
                let point = Double.random(in: 0..<total, using: &random)
                var low = 0, high = cumulative.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] > point { high = middle } else { low = middle + 1 }
                }
                byRegion[schools[low].regionID, default: []].append((schools[low], index))
            }

            // Master trainers (generation 0), spread over the regions' weight.
            let masterCount = max(2, options.teachers / 2_900)
            let courseLead = courses["lead-trainer-track"]!
            var masters: [(id: Int64, credential: CredentialRecord)] = []
            for index in 1...masterCount {
                let sex: SyntheticPeople.Sex = chance(0.65) ? .female : .male
                let name = SyntheticPeople.name(sex: sex, using: &random)
                let region = Region.all[index % Region.all.count].id
                let issued = SyntheticNation.programmeStart.adding(days: -90 + number(0...20))
                let id = try loader.person(fullName: name.full, login: String(format: "master.%03d", index), passwordHash: passwordHash,
                                           language: name.language, schoolID: nil, regionID: region, subjects: nil,
                                           roles: [.masterTrainer], createdAt: issued.adding(days: -30).date, activatedAt: issued.date)
                report.masterTrainers += 1
                let credential = try issue(loader, kind: .masterTrainer, personID: id, name: name.full, courseID: courseLead.course.id,
                                           versionID: nil, generation: 0, cohortID: nil, issuer: nil, on: issued,
                                           expires: issued.adding(days: ustaz.configuration.leadTrainerValidityDays))
                masters.append((id, credential))
            }

            // Per region: some teachers become lead trainers (the ratio varies by region, so some run short),
            // the rest are grouped into their cohorts; a few are still waiting for a place.
            var login = 0
            var leadCohortQueue: [(lead: Member, region: String)] = []
            var teacherGroups: [(lead: Member, members: [Member], region: String)] = []
            for region in Region.all {
                guard var people = byRegion[region.id] else { continue }
                people.shuffle(using: &random)
                let perLead = Double(number(20...34))
                let leadCount = max(1, Int((Double(people.count) / (perLead + 1)).rounded()))
                var members: [Member] = []
                for (position, person) in people.enumerated() {
                    let isLead = position < leadCount
                    let sex: SyntheticPeople.Sex = chance(0.8) ? .female : .male
                    let name = SyntheticPeople.name(sex: sex, using: &random)
                    login += 1
                    let activated = isLead || chance(0.8)
                    let subjects = randomSubjects()
                    let iin = nextIIN(sex: sex)
                    let created = SyntheticNation.programmeStart.adding(days: -number(20...100))
                    let id = try loader.person(
                        fullName: name.full, login: activated ? String(format: "t%06d", login) : nil,
                        passwordHash: activated ? passwordHash : nil, language: name.language, schoolID: person.slot.id,
                        regionID: region.id, subjects: subjects, roles: isLead ? [.leadTrainer, .teacher] : [.teacher],
                        createdAt: created.date, activatedAt: activated ? created.adding(days: 3).date : nil,
                        iinHash: iin.map { ustaz.iinHash($0) }, iinMasked: iin?.masked)
                    let member = Member(id: id, name: name.full, schoolID: person.slot.id, regionID: region.id, activated: activated)
                    if isLead { leadCohortQueue.append((member, region.id)); report.leadTrainers += 1 } else { members.append(member) }
                    report.teachers += 1
                }
                let waiting = Int(Double(members.count) * Double(number(3...12)) / 100)
                let placed = members.dropLast(waiting)
                let leads = leadCohortQueue.suffix(leadCount)
                for (offset, lead) in leads.enumerated() {
                    let share = stride(from: offset, to: placed.count, by: leads.count).map { placed[placed.startIndex + $0] }
                    teacherGroups.append((lead.lead, share, region.id))
                }
            }

            // Lead-trainer cohorts: each master trainer takes about 20 future lead trainers through the track.
            var leadCredentials: [Int64: CredentialRecord] = [:]
            let leadGroups = stride(from: 0, to: leadCohortQueue.count, by: 20).map { Array(leadCohortQueue[$0..<min($0 + 20, leadCohortQueue.count)]) }
            for (index, group) in leadGroups.enumerated() {
                let master = masters[index % masters.count]
                let starts = SyntheticNation.programmeStart.adding(days: -62 + number(0...14))
                let ends = starts.adding(days: 35)
                let cohortID = try loader.cohort(
                    name: "Көшбасшы тренерлер — \(index + 1)-топ", courseID: courseLead.course.id, courseVersionID: courseLead.versionID,
                    trainerID: master.id, trainerCredentialID: master.credential.id, regionID: group[0].region, schoolID: nil,
                    capacity: 25, startsOn: starts, endsOn: ends, mode: "blended", joinCode: String(format: "LT-%05d", index + 1),
                    createdAt: starts.adding(days: -10).date)
                report.cohorts += 1
                for member in group {
                    let finished = ends.adding(days: -number(0...3))
                    let enrolmentID = try loader.enrolment(cohortID: cohortID, personID: member.lead.id, courseVersionID: courseLead.versionID,
                                                           enrolledAt: starts.date, completedAt: moment(finished, minute: 600))
                    report.enrolments += 1
                    try recordLessons(loader, enrolmentID: enrolmentID, course: courseLead, done: courseLead.course.lessons.count,
                                      starts: starts, pace: 35.0 / Double(courseLead.course.lessons.count), opened: false)
                    try loader.practicum(enrolmentID: enrolmentID, observerID: master.id, passed: true, observedOn: finished.adding(days: -2))
                    leadCredentials[member.lead.id] = try issue(
                        loader, kind: .leadTrainer, personID: member.lead.id, name: member.lead.name, courseID: courseLead.course.id,
                        versionID: courseLead.versionID, generation: 1, cohortID: cohortID, issuer: master.credential, on: finished,
                        expires: finished.adding(days: ustaz.configuration.leadTrainerValidityDays))
                }
            }

            // Teacher cohorts from 1 September; each lead trainer runs one, started on a day of their choosing.
            let secondaryCourses = ["primary-teachers", "lower-secondary-teachers", "upper-secondary-teachers"]
            let lastStart = max(SyntheticNation.programmeStart.number, asOf.number - 7)
            for (index, group) in teacherGroups.enumerated() {
                let courseID = secondaryCourses[number(0...99) < 45 ? 0 : (number(0...1) == 0 ? 1 : 2)]
                let course = courses[courseID]!
                let starts = Day(number: number(SyntheticNation.programmeStart.number...lastStart))
                let length = 42
                let cohortID = try loader.cohort(
                    name: "\(Region.named(group.region)!.name.kk) — \(index + 1)-топ", courseID: courseID,
                    courseVersionID: course.versionID, trainerID: group.lead.id, trainerCredentialID: leadCredentials[group.lead.id]?.id,
                    regionID: group.region, schoolID: chance(0.3) ? group.lead.schoolID : nil, capacity: max(30, group.members.count),
                    startsOn: starts, endsOn: starts.adding(days: length), mode: ["in-person", "online", "blended"][number(0...2)],
                    joinCode: String(format: "TC-%06d", index + 1), createdAt: starts.adding(days: -7).date)
                report.cohorts += 1
                let elapsed = max(0, asOf.number - starts.number)
                for member in group.members {
                    let pace = Double.random(in: 0.6...1.3, using: &random)
                    let stalled = chance(0.06)
                    let lessons = course.course.lessons.count
                    var done = min(lessons, Int(Double(lessons) * Double(elapsed) / Double(length) * pace))
                    if stalled { done = min(done, number(0...lessons - 1)) }
                    if !member.activated { done = 0 }
                    let perLesson = Double(length) / Double(lessons) / pace
                    let finishedDay = done == lessons ? min(asOf.adding(days: -1), starts.adding(days: Int(perLesson * Double(lessons)))) : nil
                    let enrolmentID = try loader.enrolment(cohortID: cohortID, personID: member.id, courseVersionID: course.versionID,
                                                           enrolledAt: starts.date, completedAt: finishedDay.map { moment($0, minute: 700) })
                    report.enrolments += 1
                    try recordLessons(loader, enrolmentID: enrolmentID, course: course, done: done, starts: starts, pace: perLesson,
                                      opened: member.activated && done < lessons && elapsed > 0)
                    // The classroom practical: reported two days before the last lesson; a few still wait for their trainer.
                    let waiting = finishedDay != nil && chance(0.04)
                    if let finishedDay {
                        let lesson = course.course.lessons[number(0...(lessons - 1))]
                        try loader.practicalReport(
                            enrolmentID: enrolmentID, reviewerID: group.lead.id, status: waiting ? .submitted : .accepted,
                            report: SyntheticNation.practical(lesson: lesson.id, taughtOn: finishedDay.adding(days: -2)),
                            submittedAt: moment(finishedDay.adding(days: -2), minute: 900), decidedAt: waiting ? nil : moment(finishedDay, minute: 600))
                        report.practicals += 1
                    }
                    if let finishedDay, !waiting, let trainer = leadCredentials[group.lead.id] {
                        try issue(loader, kind: .teacher, personID: member.id, name: member.name, courseID: courseID,
                                  versionID: course.versionID, generation: 2, cohortID: cohortID, issuer: trainer, on: finishedDay,
                                  expires: nil, revoked: chance(0.003) ? finishedDay.adding(days: 2) : nil)
                    }
                }
            }
            try loader.itemTallies(tallies)
            return report
        }

        mutating func makeSchools(_ loader: BulkLoader) throws -> [SchoolSlot] {
            let count = max(Region.all.count, Int((Double(options.teachers) * 7_800 / 350_000).rounded()))
            let weightSum = SyntheticNation.regionWeights.values.reduce(0, +)
            // Largest remainder, so the counts add up exactly.
            let exact = Region.all.map { Double(count) * SyntheticNation.regionWeights[$0.id, default: 1] / weightSum }
            var counts = exact.map { max(1, Int($0)) }
            let order = exact.indices.sorted { exact[$0] - Double(Int(exact[$0])) > exact[$1] - Double(Int(exact[$1])) }
            var index = 0
            while counts.reduce(0, +) < count { counts[order[index % order.count]] += 1; index += 1 }

            // Every school's kind first (about 36% small-staffed), then the pilot drawn from them exactly:
            // 250 small-staffed, 150 standard and 100 that become Keleshek schools (scaled down for small datasets).
            // Wave 1 is ten small-staffed schools in Kyzylorda and Pavlodar; wave 2 brings the total to 50.
            var planned: [(region: Region, number: Int, kind: String)] = []
            for (regionIndex, region) in Region.all.enumerated() {
                for number in 1...counts[regionIndex] { planned.append((region, number, chance(0.36) ? "small-staffed" : "standard")) }
            }
            let pilotTotal = min(500, count / 15)
            var small = planned.indices.filter { planned[$0].kind == "small-staffed" }.shuffled(using: &random)
            let standard = planned.indices.filter { planned[$0].kind == "standard" }.shuffled(using: &random)
            let firstWave = small.filter { ["kyzylorda", "pavlodar"].contains(planned[$0].region.id) }.prefix(min(10, pilotTotal / 2))
            small.removeAll { firstWave.contains($0) }
            var wave: [Int: Int] = [:]
            for index in firstWave { wave[index] = 1 }
            let laterSmall = Array(small.prefix(pilotTotal / 2 - firstWave.count))
            let pilotStandard = Array(standard.prefix(pilotTotal * 3 / 10))
            let keleshek = Array(standard.dropFirst(pilotStandard.count).prefix(pilotTotal / 5))
            for index in keleshek { planned[index].kind = "keleshek" }
            let later = (laterSmall + pilotStandard + keleshek).shuffled(using: &random)
            let secondWave = max(0, min(50, pilotTotal / 10) - firstWave.count)
            for (position, index) in later.enumerated() { wave[index] = position < secondWave ? 2 : 3 }

            var slots: [SchoolSlot] = []
            for (index, school) in planned.enumerated() {
                let name = switch school.kind {
                case "small-staffed": "№\(school.number) шағын жинақты мектеп"
                case "keleshek": "«Келешек» мектебі №\(school.number)"
                default: "№\(school.number) жалпы білім беретін мектеп"
                }
                let code = SyntheticNation.regionCodes[school.region.id]!
                let id = try loader.school(code: String(format: "%@-%04d", code, school.number), name: name,
                                           regionID: school.region.id, district: nil, kind: school.kind, pilotWave: wave[index])
                report.schools += 1
                if wave[index] != nil { report.pilotSchools += 1 }
                slots.append(SchoolSlot(id: id, regionID: school.region.id, kind: school.kind))
            }
            return slots
        }

        mutating func randomSubjects() -> String {
            if chance(0.4) { return "primary,native-language,mathematics" }
            let first = SyntheticNation.secondarySubjects[number(0...SyntheticNation.secondarySubjects.count - 1)]
            let second = SyntheticNation.secondarySubjects[number(0...SyntheticNation.secondarySubjects.count - 1)]
            return first == second ? first : "\(first),\(second)"
        }

        mutating func nextIIN(sex: SyntheticPeople.Sex) -> IIN? {
            while true {
                iinSerial += 1
                let year = number(1962...2001), month = number(1...12), day = number(1...28)
                if let iin = SyntheticPeople.iin(year: year, month: month, day: day, sex: sex, serial: iinSerial % 10_000),
                   usedIINs.insert(iin.digits).inserted {
                    return iin
                }
            }
        }

        /// Progress for `done` finished lessons (plus the next one opened), with one or two quiz attempts each.
        mutating func recordLessons(_ loader: BulkLoader, enrolmentID: Int64, course: (course: Course, versionID: Int64, answers: [AnswerSheet]),
                                    done: Int, starts: Day, pace: Double, opened: Bool) throws {
            for (index, lesson) in course.course.lessons.enumerated() where index < done || (index == done && opened) {
                let day = starts.adding(days: Int(pace * Double(index + 1)))
                let openedAt = moment(day, minute: number(0...600))
                guard index < done else {
                    try loader.lessonProgress(enrolmentID: enrolmentID, lessonID: lesson.id, openedAt: openedAt, completedAt: nil,
                                              quizPassedAt: nil, bestScore: nil, attempts: 0, secondsSpent: 0)
                    report.lessonRecords += 1
                    continue
                }
                let pair = course.answers[index].pairs[number(0...3)]
                let failedFirst = chance(0.15)
                let last = failedFirst ? pair.second : pair.first
                let passing = chance(0.6) ? last.allRight : last.oneWrong[number(0...(last.oneWrong.count - 1))]
                let finished = openedAt.addingTimeInterval(Double(lesson.minutes * 60 + number(0...1800)))
                var attempt = 1
                if failedFirst {
                    try loader.quizAttempt(enrolmentID: enrolmentID, lessonID: lesson.id, number: 1, seed: pair.first.seed,
                                           items: pair.first.items, answersJSON: pair.first.halfWrong.json,
                                           score: pair.first.halfWrong.score, passed: pair.first.halfWrong.passed,
                                           submittedAt: finished.addingTimeInterval(-600))
                    count(pair.first.halfWrong, versionID: course.versionID, lessonID: lesson.id)
                    attempt = 2
                    report.quizAttempts += 1
                }
                try loader.quizAttempt(enrolmentID: enrolmentID, lessonID: lesson.id, number: attempt, seed: last.seed, items: last.items,
                                       answersJSON: passing.json, score: passing.score, passed: passing.passed, submittedAt: finished)
                count(passing, versionID: course.versionID, lessonID: lesson.id)
                report.quizAttempts += 1
                try loader.lessonProgress(enrolmentID: enrolmentID, lessonID: lesson.id, openedAt: openedAt, completedAt: finished,
                                          quizPassedAt: finished, bestScore: passing.score, attempts: attempt,
                                          secondsSpent: Int(finished.timeIntervalSince(openedAt)))
                report.lessonRecords += 1
            }
        }

        mutating func count(_ variant: AnswerSheet.Variant, versionID: Int64, lessonID: String) {
            for response in variant.responses {
                tallies[versionID, default: [:]][lessonID, default: [:]][response.itemID, default: ItemTally()].add(response)
            }
        }

        @discardableResult
        mutating func issue(_ loader: BulkLoader, kind: CredentialKind, personID: Int64, name: String, courseID: String, versionID: Int64?,
                            generation: Int, cohortID: Int64?, issuer: CredentialRecord?, on day: Day, expires: Day?,
                            revoked: Day? = nil) throws -> CredentialRecord {
            var serial: String
            repeat { serial = CredentialIssuer.newSerial(issuedOn: day, using: &random) } while !serials.insert(serial).inserted
            let keys = ustaz.keys
            let token = try CertificateToken(keyID: keys.activeKeyID, serial: serial, kind: kind, courseID: courseID, holderName: name,
                                             trainerSerial: issuer?.serial ?? "", generation: generation, issuedOn: day,
                                             expiresOn: expires).signed(with: keys)
            var record = CredentialRecord(id: 0, serial: serial, kind: kind, personID: personID, holderName: name, courseID: courseID,
                                          generation: generation, cohortID: cohortID, issuerCredentialID: issuer?.id, issuedOn: day.iso,
                                          expiresOn: expires?.iso, keyID: keys.activeKeyID, token: token,
                                          statusIndex: loader.claimStatusIndex())
            record.id = try loader.credential(record, courseVersionID: versionID, revokedAt: revoked.map { moment($0, minute: 120) },
                                              revocationReason: revoked == nil ? nil : "Issued in error (synthetic)")
            report.credentials += 1
            if revoked != nil { report.revoked += 1 }
            return record
        }
    }
}
