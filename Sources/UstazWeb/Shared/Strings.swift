import UstazCore

/// Every piece of interface text, once per language. A missing translation is a compile error:
/// each language is a full `Strings` value. A class, made three times: a request carries one reference to its
/// language's texts, not 236 strings to retain and release at every copy (Strings+Init.swift has the initialiser).
final class Strings: Sendable {
    let languageName: String
    let skipToContent: String
    let tagline: String
    let homeHeading: String
    let homeIntro: String
    let homeCascade: String
    let homeVerify: String
    let nationalProgress: String
    let certifiedTeachers: String
    let schoolsTaking: String
    let cohortsRunning: String
    let teachersEnrolled: String
    let ofTarget: @Sendable (String) -> String
    let signIn: String
    let signOut: String
    let login: String
    let password: String
    let signInFailed: String
    let signInThrottled: String
    let formExpired: String
    let dashboard: String
    let greeting: @Sendable (String) -> String
    let yourRoles: String
    let myCertificates: String
    let myCohorts: String
    let myLearning: String
    let noCertificatesYet: String
    let noCohortsYet: String
    let noLearningYet: String
    let lessonsDone: @Sendable (Int, Int) -> String
    let members: @Sendable (Int) -> String
    let completed: String
    let inProgress: String
    let catalogue: String
    let catalogueIntro: String
    let lessonsCount: @Sendable (Int) -> String
    let minutes: @Sendable (Int) -> String
    let setupTitle: String
    let setupIntro: String
    let fullName: String
    let repeatPassword: String
    let createAdministrator: String
    let passwordTooShort: String
    let passwordsDiffer: String
    let loginTaken: String
    let fieldRequired: String
    let setupLinkInvalid: String
    let setupDone: String
    let errorTitle: String
    let notFoundTitle: String
    let backHome: String
    let footer: String
    let roleNames: [Role: String]
    let credentialNames: [CredentialKind: String]
    let serial: String
    let issuedOn: String
    let generationLabel: String
    let verifyCertificate: String
    let language: String
    let lessons: String
    let startCourse: String
    let resume: String
    let openCourse: String
    let lessonNumber: @Sendable (Int) -> String
    let markRead: String
    let takeQuiz: String
    let retakeQuiz: String
    let quiz: String
    let attemptOf: @Sendable (Int, Int) -> String
    let submitAnswers: String
    let scoreLine: @Sendable (Int, Int) -> String
    let quizPassed: String
    let quizNotPassed: String
    let noAttemptsLeft: String
    let attemptsLeft: @Sendable (Int) -> String
    let correctAnswer: String
    let wrongAnswer: String
    let yourChoice: String
    let chooseOne: String
    let chooseAll: String
    let putInOrder: String
    let position: String
    let correctOrder: String
    let backToCourse: String
    let nextLesson: String
    let statusNotStarted: String
    let statusOpened: String
    let statusRead: String
    let statusDone: String
    let bestScore: @Sendable (Int) -> String
    let courseCompleted: String
    let previewNote: String
    let competencies: String
    let passMarkNote: @Sendable (Int, Int) -> String
    let answerEveryQuestion: String
    let courseNotPublished: String
    let review: String
    let reviewIntro: String
    let versionLabel: String
    let statusInReview: String
    let statusApproved: String
    let statusRejected: String
    let statusRetired: String
    let approve: String
    let reject: String
    let commentLabel: String
    let commentRequired: String
    let reviewHistory: String
    let noReviewsYet: String
    let lessonsApproved: @Sendable (Int, Int) -> String
    let ownCourse: String
    let correctMark: String
    let reviewOnlyForReviewers: String
    let notInReview: String
    let verification: String
    let authentic: String
    let notAuthentic: String
    let notAuthenticExplain: String
    let statusValid: String
    let statusExpired: String
    let statusRevokedTitle: String
    let statusSuperseded: String
    let revokedOn: String
    let reasonLabel: String
    let reasonIssuedInError: String
    let reasonAcademicIntegrity: String
    let reasonHolderRequest: String
    let reasonOther: String
    let underReview: String
    let unknownToServer: String
    let holder: String
    let courseLabel: String
    let kindLabel: String
    let expiresOn: String
    let trainerChain: String
    let newerCertificate: String
    let offlineNote: String
    let revoke: String
    let revokeExplain: String
    let revokedDone: @Sendable (Int) -> String
    let cannotRevoke: String
    let downloadPDF: String
    let downloadPNG: String
    let verifyLink: String
    let certificateTitle: String
    let certificateKind: String
    let expiresLine: @Sendable (String) -> String
    let generationLine: @Sendable (Int) -> String
    let trainerLine: @Sendable (String) -> String
    let scanToVerify: String
    let cohortCertificates: String
    let cohorts: String
    let newCohort: String
    let cohortName: String
    let capacity: String
    let startsOn: String
    let endsOn: String
    let mode: String
    let modeInPerson: String
    let modeOnline: String
    let modeBlended: String
    let createCohort: String
    let refusedNoCredential: String
    let refusedWrongKind: String
    let refusedInvalid: String
    let refusedTooDeep: String
    let datesInvalid: String
    let capacityInvalid: String
    let joinCode: String
    let joinTitle: String
    let joinIntro: String
    let joinButton: String
    let joinConfirm: @Sendable (String) -> String
    let cohortFull: @Sendable (Int) -> String
    let alreadyEnrolled: String
    let unknownJoinCode: String
    let scanToJoin: String
    let progressMatrix: String
    let learner: String
    let lastActivity: String
    let needsHelp: String
    let noOneBehind: String
    let flagInactive: @Sendable (Int) -> String
    let flagFailedTwice: @Sendable (Int) -> String
    let flagBehind: @Sendable (Int, Int) -> String
    let enrolByCSV: String
    let csvHelp: String
    let csvFile: String
    let upload: String
    let importRejected: String
    let importDone: @Sendable (Int, Int) -> String
    let activationCodes: String
    let practicum: String
    let practicumPassed: String
    let practicumFailed: String
    let practicumNone: String
    let recordPracticum: String
    let notes: String
    let lineage: String
    let lineageBelow: String
    let perGeneration: String
    let fidelity: String
    let fidelityIntro: String
    let completionRate: String
    let meanScore: String
    let flaggedTrainer: String
    let learnersCount: String
    let trainer: String
    let activateTitle: String
    let activateIntro: String
    let activationCode: String
    let activate: String
    let activationInvalid: String
    let schools: String
    let importSchools: String
    let schoolsCSVHelp: String
    let schoolsImported: @Sendable (Int) -> String
    let regionLabel: String
    let addOne: String
    let schoolCode: String
    let iinOptional: String
    let addToCohort: String
    let masterTrainers: String
    let issueMasterIntro: String
    let issueCertificate: String
    let personNotFound: String
    let reissueTitle: String
    let reissueExplain: String
    let reissue: String
    let optionalSchoolScope: String
    let unknownSchool: String
    /// The texts of the larger features, in the same language.
    let coverage: CoverageText
    let privacy: PrivacyText
    let offline: OfflineText
    let lists: ListText
    let errors: ErrorText

    // The memberwise initialiser a struct would have had: a field added above is added here too.
    init(
         languageName: String,
         skipToContent: String,
         tagline: String,
         homeHeading: String,
         homeIntro: String,
         homeCascade: String,
         homeVerify: String,
         nationalProgress: String,
         certifiedTeachers: String,
         schoolsTaking: String,
         cohortsRunning: String,
         teachersEnrolled: String,
         ofTarget: @escaping @Sendable (String) -> String,
         signIn: String,
         signOut: String,
         login: String,
         password: String,
         signInFailed: String,
         signInThrottled: String,
         formExpired: String,
         dashboard: String,
         greeting: @escaping @Sendable (String) -> String,
         yourRoles: String,
         myCertificates: String,
         myCohorts: String,
         myLearning: String,
         noCertificatesYet: String,
         noCohortsYet: String,
         noLearningYet: String,
         lessonsDone: @escaping @Sendable (Int, Int) -> String,
         members: @escaping @Sendable (Int) -> String,
         completed: String,
         inProgress: String,
         catalogue: String,
         catalogueIntro: String,
         lessonsCount: @escaping @Sendable (Int) -> String,
         minutes: @escaping @Sendable (Int) -> String,
         setupTitle: String,
         setupIntro: String,
         fullName: String,
         repeatPassword: String,
         createAdministrator: String,
         passwordTooShort: String,
         passwordsDiffer: String,
         loginTaken: String,
         fieldRequired: String,
         setupLinkInvalid: String,
         setupDone: String,
         errorTitle: String,
         notFoundTitle: String,
         backHome: String,
         footer: String,
         roleNames: [Role: String],
         credentialNames: [CredentialKind: String],
         serial: String,
         issuedOn: String,
         generationLabel: String,
         verifyCertificate: String,
         language: String,
         lessons: String,
         startCourse: String,
         resume: String,
         openCourse: String,
         lessonNumber: @escaping @Sendable (Int) -> String,
         markRead: String,
         takeQuiz: String,
         retakeQuiz: String,
         quiz: String,
         attemptOf: @escaping @Sendable (Int, Int) -> String,
         submitAnswers: String,
         scoreLine: @escaping @Sendable (Int, Int) -> String,
         quizPassed: String,
         quizNotPassed: String,
         noAttemptsLeft: String,
         attemptsLeft: @escaping @Sendable (Int) -> String,
         correctAnswer: String,
         wrongAnswer: String,
         yourChoice: String,
         chooseOne: String,
         chooseAll: String,
         putInOrder: String,
         position: String,
         correctOrder: String,
         backToCourse: String,
         nextLesson: String,
         statusNotStarted: String,
         statusOpened: String,
         statusRead: String,
         statusDone: String,
         bestScore: @escaping @Sendable (Int) -> String,
         courseCompleted: String,
         previewNote: String,
         competencies: String,
         passMarkNote: @escaping @Sendable (Int, Int) -> String,
         answerEveryQuestion: String,
         courseNotPublished: String,
         review: String,
         reviewIntro: String,
         versionLabel: String,
         statusInReview: String,
         statusApproved: String,
         statusRejected: String,
         statusRetired: String,
         approve: String,
         reject: String,
         commentLabel: String,
         commentRequired: String,
         reviewHistory: String,
         noReviewsYet: String,
         lessonsApproved: @escaping @Sendable (Int, Int) -> String,
         ownCourse: String,
         correctMark: String,
         reviewOnlyForReviewers: String,
         notInReview: String,
         verification: String,
         authentic: String,
         notAuthentic: String,
         notAuthenticExplain: String,
         statusValid: String,
         statusExpired: String,
         statusRevokedTitle: String,
         statusSuperseded: String,
         revokedOn: String,
         reasonLabel: String,
         reasonIssuedInError: String,
         reasonAcademicIntegrity: String,
         reasonHolderRequest: String,
         reasonOther: String,
         underReview: String,
         unknownToServer: String,
         holder: String,
         courseLabel: String,
         kindLabel: String,
         expiresOn: String,
         trainerChain: String,
         newerCertificate: String,
         offlineNote: String,
         revoke: String,
         revokeExplain: String,
         revokedDone: @escaping @Sendable (Int) -> String,
         cannotRevoke: String,
         downloadPDF: String,
         downloadPNG: String,
         verifyLink: String,
         certificateTitle: String,
         certificateKind: String,
         expiresLine: @escaping @Sendable (String) -> String,
         generationLine: @escaping @Sendable (Int) -> String,
         trainerLine: @escaping @Sendable (String) -> String,
         scanToVerify: String,
         cohortCertificates: String,
         cohorts: String,
         newCohort: String,
         cohortName: String,
         capacity: String,
         startsOn: String,
         endsOn: String,
         mode: String,
         modeInPerson: String,
         modeOnline: String,
         modeBlended: String,
         createCohort: String,
         refusedNoCredential: String,
         refusedWrongKind: String,
         refusedInvalid: String,
         refusedTooDeep: String,
         datesInvalid: String,
         capacityInvalid: String,
         joinCode: String,
         joinTitle: String,
         joinIntro: String,
         joinButton: String,
         joinConfirm: @escaping @Sendable (String) -> String,
         cohortFull: @escaping @Sendable (Int) -> String,
         alreadyEnrolled: String,
         unknownJoinCode: String,
         scanToJoin: String,
         progressMatrix: String,
         learner: String,
         lastActivity: String,
         needsHelp: String,
         noOneBehind: String,
         flagInactive: @escaping @Sendable (Int) -> String,
         flagFailedTwice: @escaping @Sendable (Int) -> String,
         flagBehind: @escaping @Sendable (Int, Int) -> String,
         enrolByCSV: String,
         csvHelp: String,
         csvFile: String,
         upload: String,
         importRejected: String,
         importDone: @escaping @Sendable (Int, Int) -> String,
         activationCodes: String,
         practicum: String,
         practicumPassed: String,
         practicumFailed: String,
         practicumNone: String,
         recordPracticum: String,
         notes: String,
         lineage: String,
         lineageBelow: String,
         perGeneration: String,
         fidelity: String,
         fidelityIntro: String,
         completionRate: String,
         meanScore: String,
         flaggedTrainer: String,
         learnersCount: String,
         trainer: String,
         activateTitle: String,
         activateIntro: String,
         activationCode: String,
         activate: String,
         activationInvalid: String,
         schools: String,
         importSchools: String,
         schoolsCSVHelp: String,
         schoolsImported: @escaping @Sendable (Int) -> String,
         regionLabel: String,
         addOne: String,
         schoolCode: String,
         iinOptional: String,
         addToCohort: String,
         masterTrainers: String,
         issueMasterIntro: String,
         issueCertificate: String,
         personNotFound: String,
         reissueTitle: String,
         reissueExplain: String,
         reissue: String,
         optionalSchoolScope: String,
         unknownSchool: String,
         coverage: CoverageText,
         privacy: PrivacyText,
         offline: OfflineText,
         lists: ListText,
         errors: ErrorText
    ) {
        self.languageName = languageName
        self.skipToContent = skipToContent
        self.tagline = tagline
        self.homeHeading = homeHeading
        self.homeIntro = homeIntro
        self.homeCascade = homeCascade
        self.homeVerify = homeVerify
        self.nationalProgress = nationalProgress
        self.certifiedTeachers = certifiedTeachers
        self.schoolsTaking = schoolsTaking
        self.cohortsRunning = cohortsRunning
        self.teachersEnrolled = teachersEnrolled
        self.ofTarget = ofTarget
        self.signIn = signIn
        self.signOut = signOut
        self.login = login
        self.password = password
        self.signInFailed = signInFailed
        self.signInThrottled = signInThrottled
        self.formExpired = formExpired
        self.dashboard = dashboard
        self.greeting = greeting
        self.yourRoles = yourRoles
        self.myCertificates = myCertificates
        self.myCohorts = myCohorts
        self.myLearning = myLearning
        self.noCertificatesYet = noCertificatesYet
        self.noCohortsYet = noCohortsYet
        self.noLearningYet = noLearningYet
        self.lessonsDone = lessonsDone
        self.members = members
        self.completed = completed
        self.inProgress = inProgress
        self.catalogue = catalogue
        self.catalogueIntro = catalogueIntro
        self.lessonsCount = lessonsCount
        self.minutes = minutes
        self.setupTitle = setupTitle
        self.setupIntro = setupIntro
        self.fullName = fullName
        self.repeatPassword = repeatPassword
        self.createAdministrator = createAdministrator
        self.passwordTooShort = passwordTooShort
        self.passwordsDiffer = passwordsDiffer
        self.loginTaken = loginTaken
        self.fieldRequired = fieldRequired
        self.setupLinkInvalid = setupLinkInvalid
        self.setupDone = setupDone
        self.errorTitle = errorTitle
        self.notFoundTitle = notFoundTitle
        self.backHome = backHome
        self.footer = footer
        self.roleNames = roleNames
        self.credentialNames = credentialNames
        self.serial = serial
        self.issuedOn = issuedOn
        self.generationLabel = generationLabel
        self.verifyCertificate = verifyCertificate
        self.language = language
        self.lessons = lessons
        self.startCourse = startCourse
        self.resume = resume
        self.openCourse = openCourse
        self.lessonNumber = lessonNumber
        self.markRead = markRead
        self.takeQuiz = takeQuiz
        self.retakeQuiz = retakeQuiz
        self.quiz = quiz
        self.attemptOf = attemptOf
        self.submitAnswers = submitAnswers
        self.scoreLine = scoreLine
        self.quizPassed = quizPassed
        self.quizNotPassed = quizNotPassed
        self.noAttemptsLeft = noAttemptsLeft
        self.attemptsLeft = attemptsLeft
        self.correctAnswer = correctAnswer
        self.wrongAnswer = wrongAnswer
        self.yourChoice = yourChoice
        self.chooseOne = chooseOne
        self.chooseAll = chooseAll
        self.putInOrder = putInOrder
        self.position = position
        self.correctOrder = correctOrder
        self.backToCourse = backToCourse
        self.nextLesson = nextLesson
        self.statusNotStarted = statusNotStarted
        self.statusOpened = statusOpened
        self.statusRead = statusRead
        self.statusDone = statusDone
        self.bestScore = bestScore
        self.courseCompleted = courseCompleted
        self.previewNote = previewNote
        self.competencies = competencies
        self.passMarkNote = passMarkNote
        self.answerEveryQuestion = answerEveryQuestion
        self.courseNotPublished = courseNotPublished
        self.review = review
        self.reviewIntro = reviewIntro
        self.versionLabel = versionLabel
        self.statusInReview = statusInReview
        self.statusApproved = statusApproved
        self.statusRejected = statusRejected
        self.statusRetired = statusRetired
        self.approve = approve
        self.reject = reject
        self.commentLabel = commentLabel
        self.commentRequired = commentRequired
        self.reviewHistory = reviewHistory
        self.noReviewsYet = noReviewsYet
        self.lessonsApproved = lessonsApproved
        self.ownCourse = ownCourse
        self.correctMark = correctMark
        self.reviewOnlyForReviewers = reviewOnlyForReviewers
        self.notInReview = notInReview
        self.verification = verification
        self.authentic = authentic
        self.notAuthentic = notAuthentic
        self.notAuthenticExplain = notAuthenticExplain
        self.statusValid = statusValid
        self.statusExpired = statusExpired
        self.statusRevokedTitle = statusRevokedTitle
        self.statusSuperseded = statusSuperseded
        self.revokedOn = revokedOn
        self.reasonLabel = reasonLabel
        self.reasonIssuedInError = reasonIssuedInError
        self.reasonAcademicIntegrity = reasonAcademicIntegrity
        self.reasonHolderRequest = reasonHolderRequest
        self.reasonOther = reasonOther
        self.underReview = underReview
        self.unknownToServer = unknownToServer
        self.holder = holder
        self.courseLabel = courseLabel
        self.kindLabel = kindLabel
        self.expiresOn = expiresOn
        self.trainerChain = trainerChain
        self.newerCertificate = newerCertificate
        self.offlineNote = offlineNote
        self.revoke = revoke
        self.revokeExplain = revokeExplain
        self.revokedDone = revokedDone
        self.cannotRevoke = cannotRevoke
        self.downloadPDF = downloadPDF
        self.downloadPNG = downloadPNG
        self.verifyLink = verifyLink
        self.certificateTitle = certificateTitle
        self.certificateKind = certificateKind
        self.expiresLine = expiresLine
        self.generationLine = generationLine
        self.trainerLine = trainerLine
        self.scanToVerify = scanToVerify
        self.cohortCertificates = cohortCertificates
        self.cohorts = cohorts
        self.newCohort = newCohort
        self.cohortName = cohortName
        self.capacity = capacity
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.mode = mode
        self.modeInPerson = modeInPerson
        self.modeOnline = modeOnline
        self.modeBlended = modeBlended
        self.createCohort = createCohort
        self.refusedNoCredential = refusedNoCredential
        self.refusedWrongKind = refusedWrongKind
        self.refusedInvalid = refusedInvalid
        self.refusedTooDeep = refusedTooDeep
        self.datesInvalid = datesInvalid
        self.capacityInvalid = capacityInvalid
        self.joinCode = joinCode
        self.joinTitle = joinTitle
        self.joinIntro = joinIntro
        self.joinButton = joinButton
        self.joinConfirm = joinConfirm
        self.cohortFull = cohortFull
        self.alreadyEnrolled = alreadyEnrolled
        self.unknownJoinCode = unknownJoinCode
        self.scanToJoin = scanToJoin
        self.progressMatrix = progressMatrix
        self.learner = learner
        self.lastActivity = lastActivity
        self.needsHelp = needsHelp
        self.noOneBehind = noOneBehind
        self.flagInactive = flagInactive
        self.flagFailedTwice = flagFailedTwice
        self.flagBehind = flagBehind
        self.enrolByCSV = enrolByCSV
        self.csvHelp = csvHelp
        self.csvFile = csvFile
        self.upload = upload
        self.importRejected = importRejected
        self.importDone = importDone
        self.activationCodes = activationCodes
        self.practicum = practicum
        self.practicumPassed = practicumPassed
        self.practicumFailed = practicumFailed
        self.practicumNone = practicumNone
        self.recordPracticum = recordPracticum
        self.notes = notes
        self.lineage = lineage
        self.lineageBelow = lineageBelow
        self.perGeneration = perGeneration
        self.fidelity = fidelity
        self.fidelityIntro = fidelityIntro
        self.completionRate = completionRate
        self.meanScore = meanScore
        self.flaggedTrainer = flaggedTrainer
        self.learnersCount = learnersCount
        self.trainer = trainer
        self.activateTitle = activateTitle
        self.activateIntro = activateIntro
        self.activationCode = activationCode
        self.activate = activate
        self.activationInvalid = activationInvalid
        self.schools = schools
        self.importSchools = importSchools
        self.schoolsCSVHelp = schoolsCSVHelp
        self.schoolsImported = schoolsImported
        self.regionLabel = regionLabel
        self.addOne = addOne
        self.schoolCode = schoolCode
        self.iinOptional = iinOptional
        self.addToCohort = addToCohort
        self.masterTrainers = masterTrainers
        self.issueMasterIntro = issueMasterIntro
        self.issueCertificate = issueCertificate
        self.personNotFound = personNotFound
        self.reissueTitle = reissueTitle
        self.reissueExplain = reissueExplain
        self.reissue = reissue
        self.optionalSchoolScope = optionalSchoolScope
        self.unknownSchool = unknownSchool
        self.coverage = coverage
        self.privacy = privacy
        self.offline = offline
        self.lists = lists
        self.errors = errors
    }
}

extension Strings {
    static func `for`(_ language: Language) -> Strings {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }
}
