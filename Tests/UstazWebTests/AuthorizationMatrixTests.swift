import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// Who asks: nobody signed in (nil), or a demo login that stands for one role.
typealias Principal = Role?

/// The demo login standing for each role; the lead trainer runs the cohort the teacher finished.
let matrixLogins: [Role: String] = [
    .admin: "admin", .coordinator: "coordinator", .reviewer: "reviewer", .masterTrainer: "master",
    .leadTrainer: "lead.kyzylorda", .teacher: "teacher.aigerim",
]
let everyPrincipal: [Principal] = [nil] + Role.allCases.map { $0 }

/// A request every principal sends to a route, and the status each must get.
struct RouteExpectation {
    var target: String
    /// Sent as multipart/form-data with the principal's form token added; nil for GET.
    var form: [(String, String)]?
    var statuses: [Principal: Int]
}

/// Everyone gets `status`; anonymous visitors may get another.
func everyone(_ status: Int, anonymous: Int? = nil) -> [Principal: Int] {
    Dictionary(uniqueKeysWithValues: everyPrincipal.map { ($0, $0 == nil ? anonymous ?? status : status) })
}

/// `roles` get `allowed`, other signed-in people `denied`, anonymous visitors `anonymous` (the sign-in redirect).
func only(_ roles: [Role], _ allowed: Int, denied: Int, anonymous: Int = 303) -> [Principal: Int] {
    Dictionary(uniqueKeysWithValues: everyPrincipal.map { principal in
        guard let role = principal else { return (principal, anonymous) }
        return (principal, roles.contains(role) ? allowed : denied)
    })
}

@Suite("Authorization matrix: every route × every role")
struct AuthorizationMatrixTests {
    /// The demo world's values that targets point at: the Kyzylorda cohort, which the lead trainer ran and the
    /// teacher finished; her enrolment, certificate and first lesson; a course version for review.
    struct World {
        var ustaz: Ustaz
        var client: TestClient
        var password: String
        var cohort: Int64
        var enrolment: Int64
        var lesson: String
        var teacher: Int64
        var serial: String
        var token: String
        var version: Int64
        var versionLesson: String
        /// The primary course's version, whose first lesson has a kit (the fixture overlay).
        var primaryVersion: Int64
        /// The address of that lesson's figure.
        var figure: String
    }

    static func world() throws -> World {
        let (ustaz, client, demo) = try demoService(courses: try overlaidCourses())
        let store = ustaz.store
        let cohort = try #require(try store.cohort(joinCode: "KZO-DEMO2"))
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let enrolment = try #require(try store.enrolments(personID: teacher.id).first { $0.cohortID == cohort.id })
        let course = try #require(try ustaz.library.course(versionID: enrolment.courseVersionID))
        // One recorded attempt, so the attempt page has something to show its owner.
        let draw = try store.pendingDraw(enrolmentID: enrolment.id, lessonID: course.lessons[0].id) { seen in
            (1, QuizDraw.items(for: course.lessons[0].quiz, seen: seen, seed: 1))
        }
        _ = try store.recordQuizAttempt(enrolmentID: enrolment.id, versionID: enrolment.courseVersionID, lessonID: course.lessons[0].id,
                                        lessonIDs: course.lessons.map(\.id), drawID: draw.id, answers: [:], responses: [], score: 0,
                                        passed: false, maxAttempts: course.maxAttempts, clientKey: nil)
        let credential = try credentialOf(ustaz, login: "teacher.aigerim")
        let version = try #require(try store.courseVersions().first)
        let versionCourse = try #require(try ustaz.library.course(versionID: version.id))
        let primary = try #require(try store.courseVersions(courseID: "primary-teachers").first)
        return World(ustaz: ustaz, client: client, password: demo.password, cohort: cohort.id, enrolment: enrolment.id,
                     lesson: course.lessons[0].id, teacher: teacher.id, serial: credential.serial, token: credential.token,
                     version: version.id, versionLesson: versionCourse.lessons[0].id, primaryVersion: primary.id,
                     figure: CourseLibrary.address(of: try #require(course.lessons[0].figure("fixture-learning", .kk))))
    }

    /// The expected table, written by hand from the rules in README and docs/SECURITY.md — not read back from handlers.
    /// Statuses for allowed roles on POST routes come from deliberately incomplete forms, so nothing changes.
    static func expectations(_ w: World) -> [String: RouteExpectation] {
        let trainerSide: [Role] = [.admin, .coordinator, .masterTrainer, .leadTrainer]
        let learn = "/learn/\(w.enrolment)/\(w.lesson)"
        return [
            "GET /": RouteExpectation(target: "/", statuses: everyone(200)),
            "GET /signin": RouteExpectation(target: "/signin", statuses: everyone(303, anonymous: 200)),
            "POST /signin": RouteExpectation(target: "/signin", form: [("login", "nobody"), ("password", "wrong-password")], statuses: everyone(401)),
            "POST /signout": RouteExpectation(target: "/signout", form: [], statuses: everyone(303)),
            "GET /setup/:code": RouteExpectation(target: "/setup/not-a-code", statuses: everyone(410)),
            // The link's code is checked first (so nothing is said about logins without it).
            "POST /setup/:code": RouteExpectation(target: "/setup/not-a-code", form: [], statuses: everyone(410)),
            "GET /lang/:code": RouteExpectation(target: "/lang/en", statuses: everyone(303)),
            "GET /me": RouteExpectation(target: "/me", statuses: everyone(200, anonymous: 303)),
            "GET /me/export": RouteExpectation(target: "/me/export", statuses: everyone(200, anonymous: 303)),
            "GET /courses": RouteExpectation(target: "/courses", statuses: everyone(200)),
            "GET /courses/:course": RouteExpectation(target: "/courses/primary-teachers", statuses: everyone(200)),
            "GET /courses/:course/:lesson": RouteExpectation(target: "/courses/primary-teachers/\(w.lesson)", statuses: everyone(200)),
            // Learning pages belong to the enrolled teacher alone; others are told nothing exists.
            "GET /learn/:enrolment": RouteExpectation(target: "/learn/\(w.enrolment)", statuses: only([.teacher], 200, denied: 404)),
            "GET /learn/:enrolment/:lesson": RouteExpectation(target: learn, statuses: only([.teacher], 200, denied: 404)),
            "POST /learn/:enrolment/:lesson/read": RouteExpectation(target: "\(learn)/read", form: [], statuses: only([.teacher], 303, denied: 404)),
            // The classroom practical: the teacher's own report; the trainer (its reviewer) and those who oversee the
            // cohort read it; waiting reports are reassigned by coordinators (their region) and administrators.
            "GET /learn/:enrolment/practical": RouteExpectation(target: "/learn/\(w.enrolment)/practical",
                                                                statuses: only([.teacher], 200, denied: 404)),
            "POST /learn/:enrolment/practical": RouteExpectation(target: "/learn/\(w.enrolment)/practical", form: [],
                                                                 statuses: only([.teacher], 422, denied: 404)),
            "GET /practicals": RouteExpectation(target: "/practicals", statuses: only([.coordinator, .admin], 200, denied: 403)),
            "GET /practicals/:enrolment": RouteExpectation(target: "/practicals/\(w.enrolment)",
                                                           statuses: only([.leadTrainer, .coordinator, .masterTrainer, .admin], 200, denied: 404)),
            "POST /practicals/:enrolment": RouteExpectation(target: "/practicals/\(w.enrolment)", form: [],
                                                            statuses: only([.leadTrainer, .coordinator, .masterTrainer, .admin], 400, denied: 404)),
            "POST /practicals/:enrolment/reassign": RouteExpectation(target: "/practicals/\(w.enrolment)/reassign", form: [],
                                                                     statuses: only([.coordinator, .admin], 422, denied: 403)),
            "GET /learn/:enrolment/:lesson/quiz": RouteExpectation(target: "\(learn)/quiz", statuses: only([.teacher], 200, denied: 404)),
            "GET /learn/:enrolment/:lesson/kit.pdf": RouteExpectation(target: "\(learn)/kit.pdf?lang=ru", statuses: only([.teacher], 200, denied: 404)),
            // Kits and figures of published lessons are public, like the lessons.
            "GET /courses/:course/:lesson/kit.pdf": RouteExpectation(target: "/courses/primary-teachers/\(w.lesson)/kit.pdf", statuses: everyone(200)),
            "GET /f/:figure": RouteExpectation(target: w.figure, statuses: everyone(200)),
            "POST /learn/:enrolment/:lesson/quiz": RouteExpectation(target: "\(learn)/quiz", form: [("q.no-such-question", "x")],
                                                                    statuses: only([.teacher], 400, denied: 404)),
            "GET /learn/:enrolment/:lesson/attempts/:attempt": RouteExpectation(target: "\(learn)/attempts/1", statuses: only([.teacher], 200, denied: 404)),
            // Review: reviewers (admins may look, not decide).
            "GET /review": RouteExpectation(target: "/review", statuses: only([.reviewer, .admin], 200, denied: 403)),
            "GET /review/:version": RouteExpectation(target: "/review/\(w.version)", statuses: only([.reviewer, .admin], 200, denied: 403)),
            "GET /review/:version/statistics": RouteExpectation(target: "/review/\(w.version)/statistics",
                                                                statuses: only([.reviewer, .admin], 200, denied: 403)),
            "GET /review/:version/statistics.csv": RouteExpectation(target: "/review/\(w.version)/statistics.csv",
                                                                    statuses: only([.reviewer, .admin], 200, denied: 403)),
            "GET /review/:version/:lesson": RouteExpectation(target: "/review/\(w.version)/\(w.versionLesson)",
                                                             statuses: only([.reviewer, .admin], 200, denied: 403)),
            "GET /review/:version/:lesson/kit.pdf": RouteExpectation(target: "/review/\(w.primaryVersion)/what-is-ai/kit.pdf",
                                                                     statuses: only([.reviewer, .admin], 200, denied: 403)),
            "POST /review/:version/:lesson": RouteExpectation(target: "/review/\(w.version)/\(w.versionLesson)", form: [],
                                                              statuses: only([.reviewer], 400, denied: 403)),
            // Verification is public.
            "GET /v/:token": RouteExpectation(target: "/v/\(w.token)", statuses: everyone(200)),
            "GET /c/:serial": RouteExpectation(target: "/c/\(w.serial)", statuses: everyone(302)),
            "GET /credentials/status/1": RouteExpectation(target: "/credentials/status/1", statuses: everyone(200)),
            "GET /credentials/revocations": RouteExpectation(target: "/credentials/revocations", statuses: everyone(200)),
            "GET /credentials/:serial": RouteExpectation(target: "/credentials/\(w.serial)", statuses: everyone(200)),
            "GET /credentials/:serial/jwt": RouteExpectation(target: "/credentials/\(w.serial)/jwt", statuses: everyone(200)),
            // Certificate files: the holder, an admin, the trainer of the cohort.
            "GET /certificates/:serial/pdf": RouteExpectation(target: "/certificates/\(w.serial)/pdf",
                                                              statuses: only([.teacher, .admin, .leadTrainer], 200, denied: 404)),
            "GET /certificates/:serial/png": RouteExpectation(target: "/certificates/\(w.serial)/png",
                                                              statuses: only([.teacher, .admin, .leadTrainer], 200, denied: 404)),
            // Revocation: admins, and master trainers above the certificate.
            "GET /credentials/:serial/manage": RouteExpectation(target: "/credentials/\(w.serial)/manage",
                                                                statuses: only([.admin, .masterTrainer], 200, denied: 403)),
            "POST /credentials/:serial/revoke": RouteExpectation(target: "/credentials/\(w.serial)/revoke", form: [],
                                                                 statuses: only([.admin, .masterTrainer], 400, denied: 403)),
            "POST /credentials/:serial/reissue": RouteExpectation(target: "/credentials/\(w.serial)/reissue", form: [],
                                                                  statuses: only([.admin], 422, denied: 403)),
            // Cohorts: lists for everyone signed in (each sees their own scope); creating for trainers.
            "GET /cohorts": RouteExpectation(target: "/cohorts", statuses: everyone(200, anonymous: 303)),
            "GET /cohorts/new": RouteExpectation(target: "/cohorts/new", statuses: only([.leadTrainer, .masterTrainer], 200, denied: 403)),
            "POST /cohorts": RouteExpectation(target: "/cohorts", form: [], statuses: only([.leadTrainer, .masterTrainer], 422, denied: 403)),
            // A cohort: its trainer, admins, the region's coordinator, master trainers above the trainer.
            "GET /cohorts/:cohort": RouteExpectation(target: "/cohorts/\(w.cohort)", statuses: only(trainerSide, 200, denied: 404)),
            // Those who oversee a cohort without running it see it, so they are told 403, not 404, for its writes.
            "POST /cohorts/:cohort/practicum/:enrolment": RouteExpectation(
                target: "/cohorts/\(w.cohort)/practicum/\(w.enrolment)", form: [],
                statuses: only([.leadTrainer], 400, denied: 404).merging([.admin: 403, .coordinator: 403, .masterTrainer: 403]) { $1 }),
            "POST /cohorts/:cohort/import": RouteExpectation(
                target: "/cohorts/\(w.cohort)/import", form: [],
                statuses: only([.leadTrainer], 400, denied: 404).merging([.admin: 403, .coordinator: 403, .masterTrainer: 403]) { $1 }),
            "POST /cohorts/:cohort/add": RouteExpectation(
                target: "/cohorts/\(w.cohort)/add", form: [],
                statuses: only([.leadTrainer], 422, denied: 404).merging([.admin: 403, .coordinator: 403, .masterTrainer: 403]) { $1 }),
            "GET /cohorts/:cohort/certificates.zip": RouteExpectation(target: "/cohorts/\(w.cohort)/certificates.zip",
                                                                      statuses: only([.leadTrainer, .admin], 200, denied: 404)),
            "GET /activate": RouteExpectation(target: "/activate", statuses: everyone(200)),
            "POST /activate": RouteExpectation(target: "/activate", form: [], statuses: everyone(422)),
            "GET /reset": RouteExpectation(target: "/reset", statuses: everyone(200)),
            "POST /reset": RouteExpectation(target: "/reset", form: [("password", "short")], statuses: everyone(422)),
            // Lineage: oneself, admins, anyone above in the cascade.
            "GET /lineage": RouteExpectation(target: "/lineage", statuses: everyone(200, anonymous: 303)),
            "GET /lineage/:person": RouteExpectation(target: "/lineage/\(w.teacher)",
                                                     statuses: only([.teacher, .admin, .masterTrainer, .leadTrainer], 200, denied: 404)),
            "GET /fidelity": RouteExpectation(target: "/fidelity", statuses: only([.admin, .coordinator, .masterTrainer], 200, denied: 403)),
            "GET /schools": RouteExpectation(target: "/schools", statuses: only([.admin], 200, denied: 403)),
            "GET /people": RouteExpectation(target: "/people", statuses: only([.admin], 200, denied: 403)),
            "POST /schools/import": RouteExpectation(target: "/schools/import", form: [], statuses: only([.admin], 400, denied: 403)),
            "GET /join": RouteExpectation(target: "/join", statuses: everyone(200, anonymous: 303)),
            "GET /join/:code": RouteExpectation(target: "/join/NO-SUCH-CODE", statuses: everyone(200, anonymous: 303)),
            "POST /join": RouteExpectation(target: "/join", form: [("code", "NO-SUCH-CODE")], statuses: everyone(404, anonymous: 303)),
            "GET /admin/master-trainers": RouteExpectation(target: "/admin/master-trainers", statuses: only([.admin], 200, denied: 403)),
            "POST /admin/master-trainers": RouteExpectation(target: "/admin/master-trainers", form: [("login", "no-such-login")],
                                                            statuses: only([.admin], 404, denied: 403)),
            // Profiles: admins and the person's trainer; export and erasure: admins.
            "GET /people/:person": RouteExpectation(target: "/people/\(w.teacher)", statuses: only([.admin, .leadTrainer], 200, denied: 404)),
            "POST /people/:person/reset-code": RouteExpectation(target: "/people/\(w.teacher)/reset-code", form: [],
                                                                statuses: only([.admin, .leadTrainer], 200, denied: 404)),
            "GET /people/:person/export": RouteExpectation(target: "/people/\(w.teacher)/export", statuses: only([.admin], 200, denied: 404)),
            "GET /people/:person/erase": RouteExpectation(target: "/people/\(w.teacher)/erase", statuses: only([.admin], 200, denied: 404)),
            "POST /people/:person/erase": RouteExpectation(target: "/people/\(w.teacher)/erase", form: [], statuses: only([.admin], 422, denied: 404)),
            "GET /admin/audit": RouteExpectation(target: "/admin/audit", statuses: only([.admin], 200, denied: 403)),
            "GET /admin/audit.csv": RouteExpectation(target: "/admin/audit.csv", statuses: only([.admin], 200, denied: 403)),
            // The installable app: public, and naming no one.
            "GET /sw.js": RouteExpectation(target: "/sw.js", statuses: everyone(200)),
            "GET /manifest.webmanifest": RouteExpectation(target: "/manifest.webmanifest", statuses: everyone(200)),
            "GET /offline": RouteExpectation(target: "/offline", statuses: everyone(200)),
            // Coverage: aggregates for everyone; targets and settings for admins; pilot and capacity tables for
            // coordinators and admins (API clients without a session get 401, not the sign-in redirect).
            "GET /coverage": RouteExpectation(target: "/coverage", statuses: everyone(200)),
            "POST /coverage/targets": RouteExpectation(target: "/coverage/targets", form: [], statuses: only([.admin], 422, denied: 403)),
            "POST /coverage/settings": RouteExpectation(target: "/coverage/settings", form: [], statuses: only([.admin], 422, denied: 403)),
            "GET /api/v1/coverage": RouteExpectation(target: "/api/v1/coverage", statuses: everyone(200)),
            "GET /api/v1/coverage/:table": RouteExpectation(target: "/api/v1/coverage/capacity",
                                                            statuses: only([.admin, .coordinator], 200, denied: 403, anonymous: 401)),
            "GET /api/v1/openapi.json": RouteExpectation(target: "/api/v1/openapi.json", statuses: everyone(200)),
            // Operations: metrics from elsewhere than the server itself only for admins.
            "GET /healthz": RouteExpectation(target: "/healthz", statuses: everyone(200)),
            "GET /metrics": RouteExpectation(target: "/metrics", statuses: only([.admin], 200, denied: 403, anonymous: 403)),
            "GET /.well-known/ustaz/keys.json": RouteExpectation(target: "/.well-known/ustaz/keys.json", statuses: everyone(200)),
            "GET /static/*path": RouteExpectation(target: "/static/app.css", statuses: everyone(200)),
            "GET /favicon.ico": RouteExpectation(target: "/favicon.ico", statuses: everyone(200)),
        ]
    }

    static func differences(routes: [String], table: [String: RouteExpectation]) -> (missing: [String], stale: [String]) {
        (routes.filter { table[$0] == nil }, table.keys.filter { !routes.contains($0) }.sorted())
    }

    static func routeKeys(_ ustaz: Ustaz) -> [String] { ustaz.routeTable().declarations.map(\.key) }

    /// A browser from an address other than the server's own, signed in as the principal's demo login.
    static func browser(_ principal: Principal, _ w: World) -> Browser {
        let browser = Browser(w.client)
        // One address per principal, so the failed sign-ins the matrix sends are not throttled across principals.
        browser.remoteAddress = "203.0.113.\(10 + everyPrincipal.firstIndex { $0 == principal }!)"
        if let role = principal { browser.signIn(matrixLogins[role]!, w.password) }
        return browser
    }

    /// The principal's form token: the session's (from the sign-out form) or the anonymous one.
    static func formToken(_ browser: Browser, signedIn: Bool) -> String {
        Browser.csrf(in: browser.get(signedIn ? "/me" : "/signin"))
    }

    static func send(_ expectation: RouteExpectation, method: String, as principal: Principal, _ w: World,
                     withToken: Bool = true) -> Response {
        let browser = browser(principal, w)
        guard method == "POST", let form = expectation.form else { return browser.get(expectation.target) }
        let token = withToken ? [("_csrf", formToken(browser, signedIn: principal != nil))] : []
        let (body, contentType) = multipartBody(token + form)
        return browser.send(.post, expectation.target, body: body, contentType: contentType)
    }

    @Test func everyRouteHasAnExpectationAndNoExpectationIsStale() throws {
        let w = try Self.world()
        let routes = Self.routeKeys(w.ustaz)
        let table = Self.expectations(w)
        let (missing, stale) = Self.differences(routes: routes, table: table)
        #expect(missing.isEmpty, "Routes without an entry in the authorization matrix: \(missing)")
        #expect(stale.isEmpty, "Matrix entries for routes that no longer exist: \(stale)")
        // The check itself: a route added to the router without an entry is reported.
        var table2 = w.ustaz.routeTable()
        table2.post("/admin/new-power", .roles([.admin])) { _ in .text("ok") }
        let extended = table2.declarations.map(\.key)
        #expect(Self.differences(routes: extended, table: table).missing == ["POST /admin/new-power"])
        for (key, expectation) in table {
            #expect(Set(expectation.statuses.keys.map { $0?.rawValue ?? "anonymous" }).count == everyPrincipal.count, "\(key)")
        }
    }

    /// The declarations and the hand-written table tell the same story: whoever a route's declared access refuses by
    /// sign-in or role alone is expected to be refused, with the status the declaration gives.
    @Test func declaredAccessAgreesWithTheMatrix() throws {
        let w = try Self.world()
        let table = Self.expectations(w)
        var disagreements: [String] = []
        for declaration in w.ustaz.routeTable().declarations {
            guard let expected = table[declaration.key]?.statuses else { continue }  // reported by the test above
            for principal in everyPrincipal {
                let status = expected[principal]!
                let who = principal?.rawValue ?? "anonymous"
                switch (declaration.access, principal) {
                case (.signedIn, nil), (.roles, nil), (.record, nil):
                    if declaration.access != .record(.coverageTableAudience), ![303, 401].contains(status) {
                        disagreements.append("\(declaration.key) (\(declaration.access)): \(who) expected \(status), not sent to sign in")
                    }
                case (.roles(let roles), let role?) where !roles.contains(role):
                    if status != 403 { disagreements.append("\(declaration.key) (\(declaration.access)): \(who) expected \(status), not 403") }
                case (.record(let policy), let role?) where !policy.possibleRoles.contains(role):
                    if ![403, 404].contains(status) { disagreements.append("\(declaration.key) (\(declaration.access)): \(who) expected \(status)") }
                case (.serverOrAdministrator, let role) where role != .admin:
                    if status != 403 { disagreements.append("\(declaration.key): \(who) expected \(status), not 403") }
                default:
                    break
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))")
        // The check itself: a declaration looser than the table is caught.
        #expect(table["GET /people"]?.statuses[.teacher] == 403)
    }

    /// Record-level scope: the same role on someone else's record. The Pavlodar lead trainer on the Kyzylorda cohort
    /// and its teacher; a coordinator of another region on the Kyzylorda cohort and its practical.
    @Test func recordScopeHoldsAcrossTrainersAndRegions() throws {
        let w = try Self.world()
        let hash = w.ustaz.hashPassword(w.password)
        _ = try w.ustaz.store.createPerson(.init(fullName: "Координатор Алматы", login: "coord.almaty", passwordHash: hash,
                                                 roles: [.coordinator], coordinatorRegion: "almaty"))
        let otherTrainer = Browser(w.client)
        otherTrainer.remoteAddress = "203.0.113.40"
        otherTrainer.signIn("lead.pavlodar", w.password)
        let otherRegion = Browser(w.client)
        otherRegion.remoteAddress = "203.0.113.41"
        otherRegion.signIn("coord.almaty", w.password)
        var leaks: [String] = []
        for (browser, who) in [(otherTrainer, "lead.pavlodar"), (otherRegion, "coord.almaty")] {
            for target in ["/cohorts/\(w.cohort)", "/cohorts/\(w.cohort)/certificates.zip", "/people/\(w.teacher)",
                           "/lineage/\(w.teacher)", "/certificates/\(w.serial)/pdf", "/learn/\(w.enrolment)"] {
                let status = browser.get(target).status
                if status != 404 { leaks.append("GET \(target) as \(who): \(status)") }
            }
            let token = Self.formToken(browser, signedIn: true)
            for target in ["/cohorts/\(w.cohort)/add", "/cohorts/\(w.cohort)/import", "/people/\(w.teacher)/reset-code"] {
                let (body, type) = multipartBody([("_csrf", token)])
                let status = browser.send(.post, target, body: body, contentType: type).status
                if status != 404 { leaks.append("POST \(target) as \(who): \(status)") }
            }
        }
        // The coordinator of another region may reassign practicals, but not this region's.
        let (body, type) = multipartBody([("_csrf", Self.formToken(otherRegion, signedIn: true)), ("login", "lead.pavlodar")])
        let reassign = otherRegion.send(.post, "/practicals/\(w.enrolment)/reassign", body: body, contentType: type).status
        if reassign != 404 { leaks.append("POST reassign as coord.almaty: \(reassign)") }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        // And the Kyzylorda trainer, the control, does get in.
        #expect(Self.browser(.leadTrainer, w).get("/cohorts/\(w.cohort)").status == 200)
    }

    @Test func everyRoleGetsTheExpectedStatusOnEveryRoute() throws {
        let w = try Self.world()
        let table = Self.expectations(w)
        var mismatches: [String] = []
        var formsWithoutToken: [String] = []
        // Sign-out and erasure are sent last: the first ends the session, the second would change the world.
        let routes = Self.routeKeys(w.ustaz).sorted { ($0.contains("erase") ? 1 : 0, $0) < ($1.contains("erase") ? 1 : 0, $1) }
        for key in routes {
            guard let expectation = table[key] else { continue }  // reported by the test above
            let method = String(key.prefix { $0 != " " })
            for principal in everyPrincipal {
                let response = Self.send(expectation, method: method, as: principal, w)
                let expected = expectation.statuses[principal]!
                if response.status != expected {
                    mismatches.append("\(key) as \(principal?.rawValue ?? "anonymous"): \(response.status), expected \(expected)")
                }
                if response.status == 200, response.headers["Content-Type"]?.hasPrefix("text/html") == true {
                    for form in Self.postForms(in: response.bodyText) where !form.contains("name=\"_csrf\"") {
                        formsWithoutToken.append("\(key) as \(principal?.rawValue ?? "anonymous"): \(form.prefix(120))")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
        #expect(formsWithoutToken.isEmpty, "POST forms without a CSRF token:\n\(formsWithoutToken.joined(separator: "\n"))")
    }

    /// Every POST route refuses a form without the token (403 with the "form expired" message), for a principal who
    /// would otherwise get past the access check.
    @Test func everyStateChangingRouteRefusesAFormWithoutItsToken() throws {
        let w = try Self.world()
        let table = Self.expectations(w)
        let expiredMessages = Language.allCases.map { Strings.for($0).formExpired.htmlEscaped }
        var failures: [String] = []
        let posts = Self.routeKeys(w.ustaz).filter { $0.hasPrefix("POST ") }
        #expect(posts.count >= 19)
        for key in posts {
            guard let expectation = table[key] else { continue }
            // A signed-in role past the access check (303 is then a handler's redirect, never the sign-in one);
            // else one whose 404 comes from the form's content; anonymous visitors for the anonymous forms.
            let roles = [Role.admin, .leadTrainer, .teacher, .reviewer, .masterTrainer, .coordinator].map { Optional($0) }
            let probe = roles.first { ![403, 404].contains(expectation.statuses[$0]!) }
                ?? roles.first { expectation.statuses[$0]! != 403 }
            guard let principal = probe else { failures.append("\(key): nobody gets past the access check"); continue }
            let response = Self.send(expectation, method: "POST", as: principal, w, withToken: false)
            let text = response.bodyText
            if response.status != 403 || !expiredMessages.contains(where: text.contains) {
                failures.append("\(key) as \(principal?.rawValue ?? "anonymous") without a token: \(response.status)")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The `<form method="post" …>…</form>` blocks of a page.
    static func postForms(in html: String) -> [Substring] {
        var forms: [Substring] = []
        var rest = html[...]
        while let start = rest.range(of: "<form"), let end = rest[start.upperBound...].range(of: "</form>") {
            let form = rest[start.lowerBound..<end.upperBound]
            if form.prefix(200).lowercased().contains("method=\"post\"") { forms.append(form) }
            rest = rest[end.upperBound...]
        }
        return forms
    }
}
