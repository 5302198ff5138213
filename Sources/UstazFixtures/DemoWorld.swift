import Credentials
public import UstazWeb
import Foundation
public import UstazCore
import UstazStore

/// A small, complete world for trying Ustaz: every role, two pilot regions, cohorts finished and
/// in progress, certificates through three generations of the cascade.
public struct DemoWorld: Sendable {
    public struct Login: Sendable {
        public var login: String
        public var name: String
        public var roles: [Role]
    }

    public var logins: [Login]
    public var password: String
    public var serials: [String]

    /// Loads the world into an empty database; refuses one that already has people in it.
    public static func load(into ustaz: Ustaz, today: Day = .today) throws -> DemoWorld {
        let store = ustaz.store
        guard try store.totals().people == 0 else {
            throw StartError("The database already has people in it; the demo loads only into an empty one (use another --data folder).")
        }
        // The demo publishes the shipped catalogue as if reviewed, so every page has content.
        for version in try store.courseVersions() where version.status == "in-review" {
            try store.approveCourseVersion(id: version.id)
        }
        func version(_ course: String) throws -> (Course, Int64) {
            guard let loaded = ustaz.catalogue.course(course),
                  let record = try store.courseVersion(courseID: course, contentHash: loaded.contentHash) else {
                throw StartError("The demo needs the course \(course) in Courses/.")
            }
            return (loaded, record.id)
        }

        let letters = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var random = SystemRandomNumberGenerator()
        let password = "ustaz-demo-" + String((0..<6).map { _ in letters.randomElement(using: &random)! })
        let hash = ustaz.hashPassword(password)
        var logins: [Login] = []
        func person(_ login: String, _ name: String, _ roles: [Role], region: String?, school: Int64? = nil,
                    language: Language = .kk, coordinatorRegion: String? = nil) throws -> Person {
            logins.append(Login(login: login, name: name, roles: roles))
            return try store.createPerson(NewPerson(fullName: name, login: login, passwordHash: hash, language: language,
                                                    schoolID: school, regionID: region, roles: roles,
                                                    coordinatorRegion: coordinatorRegion))
        }

        let schools = try [
            School(code: "KZO-0101", name: "Жаңақорған ауданы, №12 шағын жинақты мектеп", regionID: "kyzylorda",
                   district: "Жаңақорған", kind: "small-staffed", pilotWave: 1),
            School(code: "KZO-0102", name: "Шиелі ауданы, Ақмая ауылының мектебі", regionID: "kyzylorda",
                   district: "Шиелі", kind: "small-staffed", pilotWave: 1),
            School(code: "PVL-0201", name: "Ертіс ауданы, Панфилов ауылының мектебі", regionID: "pavlodar",
                   district: "Ертіс", kind: "small-staffed", pilotWave: 1),
            School(code: "PVL-0202", name: "Павлодар қаласы, №7 мектеп-лицей", regionID: "pavlodar",
                   district: "Павлодар", kind: "standard", pilotWave: 2),
        ].map(store.createSchool)

        _ = try person("admin", "Әлия Жұмабекова", [.admin], region: "astana")
        _ = try person("coordinator", "Ерлан Сәрсенбаев", [.coordinator], region: "kyzylorda", coordinatorRegion: "kyzylorda")
        _ = try person("reviewer", "Динара Омарова", [.reviewer], region: "astana", language: .ru)
        let master = try person("master", "Гүлнар Сейітқали", [.masterTrainer], region: "astana")
        let leadK = try person("lead.kyzylorda", "Нұрлан Абдрахманов", [.leadTrainer, .teacher], region: "kyzylorda", school: schools[0].id)
        let leadP = try person("lead.pavlodar", "Анна Ковалёва", [.leadTrainer, .teacher], region: "pavlodar", school: schools[2].id, language: .ru)
        let teachers = try [
            person("teacher.aigerim", "Айгерім Сұлтанова", [.teacher], region: "kyzylorda", school: schools[0].id),
            person("teacher.dauren", "Дәурен Қасымов", [.teacher], region: "kyzylorda", school: schools[1].id),
            person("teacher.saule", "Сәуле Ермекова", [.teacher], region: "kyzylorda", school: schools[1].id),
            person("teacher.olga", "Ольга Петренко", [.teacher], region: "pavlodar", school: schools[2].id, language: .ru),
            person("teacher.marat", "Марат Іскаков", [.teacher], region: "pavlodar", school: schools[3].id),
            person("teacher.zhanna", "Жанна Бекова", [.teacher], region: "pavlodar", school: schools[3].id, language: .ru),
        ]

        var serials: [String] = []
        let issuer = CredentialIssuer(store: store, keys: ustaz.keys)
        // Generation 0: the master trainer, certified by the ministry.
        let masterCredential = try issuer.issueNew(kind: .masterTrainer, to: master, courseID: "lead-trainer-track",
                                                courseVersionID: nil, generation: 0, cohortID: nil, issuer: nil,
                                                issuedOn: today.adding(days: -120), expiresOn: today.adding(days: 610))
        serials.append(masterCredential.serial)

        // The master trainer's finished lead-trainer cohort → generation 1.
        let (leadCourse, leadVersion) = try version("lead-trainer-track")
        let leadCohort = try store.createCohort(
            name: "Көшбасшы тренерлер — 1-толқын", courseID: leadCourse.id, courseVersionID: leadVersion, trainerID: master.id,
            trainerCredentialID: masterCredential.id, regionID: nil, schoolID: nil, capacity: 20,
            startsOn: today.adding(days: -100).iso, endsOn: today.adding(days: -60).iso, mode: "blended", joinCode: "LEAD-DEMO1")
        var leadCredentials: [Int64: CredentialRecord] = [:]
        for lead in [leadK, leadP] {
            let enrolment = try store.enrol(personID: lead.id, cohortID: leadCohort.id, origin: .joined)
            for lesson in leadCourse.lessons {
                try store.recordLessonProgress(enrolmentID: enrolment, lessonID: lesson.id, completed: true, bestScore: 83 + lesson.number)
            }
            try store.markEnrolmentCompleted(enrolment)
            let credential = try issuer.issueNew(kind: .leadTrainer, to: lead, courseID: leadCourse.id, courseVersionID: leadVersion,
                                              generation: 1, cohortID: leadCohort.id, issuer: masterCredential,
                                              issuedOn: today.adding(days: -58), expiresOn: today.adding(days: 672))
            leadCredentials[lead.id] = credential
            serials.append(credential.serial)
        }

        // Each lead trainer runs a primary-teachers cohort: Kyzylorda's has finished, Pavlodar's is under way.
        let (primary, primaryVersion) = try version("primary-teachers")
        let finished = try store.createCohort(
            name: "Қызылорда — бастауыш сынып мұғалімдері", courseID: primary.id, courseVersionID: primaryVersion,
            trainerID: leadK.id, trainerCredentialID: leadCredentials[leadK.id]!.id, regionID: "kyzylorda",
            schoolID: nil, startsOn: today.adding(days: -50).iso, endsOn: today.adding(days: -10).iso, joinCode: "KZO-DEMO2")
        for teacher in teachers[0..<3] {
            let enrolment = try store.enrol(personID: teacher.id, cohortID: finished.id, origin: .created)
            for lesson in primary.lessons {
                try store.recordLessonProgress(enrolmentID: enrolment, lessonID: lesson.id, completed: true, bestScore: 75 + lesson.number * 2)
            }
            try store.markEnrolmentCompleted(enrolment)
            // The course requires a classroom practical: each taught a lesson, reported it, and the trainer accepted.
            _ = try store.submitPractical(enrolmentID: enrolment, reviewerID: leadK.id,
                                          report: SyntheticNation.practical(lesson: primary.lessons[1].id, taughtOn: today.adding(days: -12)),
                                          clientKey: nil)
            _ = try store.decidePractical(enrolmentID: enrolment, reviewerID: leadK.id, accept: true, comment: nil)
            let credential = try issuer.issueNew(kind: .teacher, to: teacher, courseID: primary.id, courseVersionID: primaryVersion,
                                              generation: 2, cohortID: finished.id, issuer: leadCredentials[leadK.id]!,
                                              issuedOn: today.adding(days: -9), expiresOn: nil)
            serials.append(credential.serial)
        }
        let running = try store.createCohort(
            name: "Павлодар — бастауыш сынып мұғалімдері", courseID: primary.id, courseVersionID: primaryVersion,
            trainerID: leadP.id, trainerCredentialID: leadCredentials[leadP.id]!.id, regionID: "pavlodar", schoolID: nil,
            startsOn: today.adding(days: -14).iso, endsOn: today.adding(days: 30).iso, mode: "online", joinCode: "PVL-DEMO3")
        for (index, teacher) in teachers[3...].enumerated() {
            let enrolment = try store.enrol(personID: teacher.id, cohortID: running.id, origin: .created)
            for lesson in primary.lessons.prefix(5 - index * 2) {
                try store.recordLessonProgress(enrolmentID: enrolment, lessonID: lesson.id, completed: true, bestScore: 80)
            }
        }
        return DemoWorld(logins: logins, password: password, serials: serials)
    }
}
