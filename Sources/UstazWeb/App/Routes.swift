import HTTPServer

extension Ustaz {
    /// Every route of the service, in one table.
    func registerRoutes(_ router: inout Router) {
        router.get("/") { try self.homePage($0) }
        router.get("/signin") { try self.signInPage($0) }
        router.post("/signin") { try self.signIn($0) }
        router.post("/signout") { try self.signOut($0) }
        router.get("/setup/:code") { try self.setupPage($0) }
        router.post("/setup/:code") { try self.setUpAdministrator($0) }
        router.get("/lang/:code") { try self.switchLanguage($0) }
        router.get("/me") { try self.dashboard($0) }
        router.get("/courses") { try self.cataloguePage($0) }
        router.get("/courses/:course") { try self.coursePage($0) }
        router.get("/courses/:course/:lesson") { try self.lessonPreview($0) }
        router.get("/learn/:enrolment") { try self.learningPage($0) }
        router.get("/learn/:enrolment/:lesson") { try self.enrolledLesson($0) }
        router.post("/learn/:enrolment/:lesson/read") { try self.markLessonRead($0) }
        router.get("/learn/:enrolment/:lesson/quiz") { try self.quizPage($0) }
        router.post("/learn/:enrolment/:lesson/quiz") { try self.submitQuiz($0) }
        router.get("/learn/:enrolment/:lesson/attempts/:attempt") { try self.attemptPage($0) }

        router.get("/review") { try self.reviewQueue($0) }
        router.get("/review/:version") { try self.reviewVersion($0) }
        router.get("/review/:version/:lesson") { try self.reviewLesson($0) }
        router.post("/review/:version/:lesson") { try self.decideLesson($0) }

        router.get("/v/:token") { try self.verifyPage($0) }
        router.get("/c/:serial") { try self.shortVerification($0) }
        router.get("/certificates/:serial/pdf") { try self.certificateFile($0, format: .pdf) }
        router.get("/certificates/:serial/png") { try self.certificateFile($0, format: .png) }
        router.get("/cohorts") { try self.cohortList($0) }
        router.get("/cohorts/new") { try self.newCohortPage($0) }
        router.post("/cohorts") { try self.createCohort($0) }
        router.get("/cohorts/:cohort") { try self.cohortPage($0) }
        router.post("/cohorts/:cohort/practicum/:enrolment") { try self.recordPracticum($0) }
        router.post("/cohorts/:cohort/import", bodyLimit: 8 << 20) { try self.importRoster($0) }
        router.post("/cohorts/:cohort/add") { try self.addTeacher($0) }
        router.get("/activate") { try self.activationPage($0) }
        router.post("/activate") { try self.activate($0) }
        router.get("/lineage") { try self.lineagePage($0) }
        router.get("/lineage/:person") { try self.lineagePage($0) }
        router.get("/fidelity") { try self.fidelityPage($0) }
        router.get("/people") { try self.peoplePage($0) }
        router.get("/schools") { try self.schoolsPage($0) }
        router.post("/schools/import", bodyLimit: 16 << 20) { try self.importSchoolsForm($0) }
        router.get("/join") { try self.joinPage($0) }
        router.get("/join/:code") { try self.joinPage($0) }
        router.post("/join") { try self.join($0) }
        router.get("/cohorts/:cohort/certificates.zip") { try self.cohortCertificates($0) }
        router.get("/credentials/status/1") { try self.statusList($0) }
        router.get("/credentials/revocations") { try self.revocationList($0) }
        router.get("/credentials/:serial") { try self.openBadge($0) }
        router.get("/credentials/:serial/jwt") { try self.openBadgeJWT($0) }
        router.get("/credentials/:serial/manage") { try self.manageCredential($0) }
        router.post("/credentials/:serial/revoke") { try self.revokeCredential($0) }
        router.post("/credentials/:serial/reissue") { try self.reissueCredential($0) }
        router.get("/admin/master-trainers") { try self.masterTrainersPage($0) }
        router.post("/admin/master-trainers") { try self.issueMasterTrainer($0) }

        registerPrivacyRoutes(&router)
        registerOfflineRoutes(&router)
        registerCoverageRoutes(&router)

        router.get("/healthz") { try self.health($0) }
        router.get("/metrics") { try self.metrics($0) }
        router.get("/.well-known/ustaz/keys.json") { _ in
            var response = Response.json(try self.publishedKeys())
            response.headers["Cache-Control"] = "public, max-age=3600"
            response.headers["Access-Control-Allow-Origin"] = "*"
            return response
        }
        router.get("/static/*path") { request in
            try self.staticFiles.response(for: try request.parameter("path"), request: request)
        }
        router.get("/favicon.ico") { request in try self.staticFiles.response(for: "icon.svg", request: request) }
    }
}
