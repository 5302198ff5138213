import Testing
import UstazCore

@Suite("One input rule for every text field")
struct InputTextTests {
    @Test func controlAndDirectionCharactersAreRefusedWithTheirCodePoint() {
        for (text, codePoint) in [("a\u{0}b", "U+0000"), ("a\u{1B}[31m", "U+001B"), ("a\u{7F}", "U+007F"), ("a\u{85}", "U+0085"),
                                  ("Али\u{202E}аз", "U+202E"), ("x\u{202A}y", "U+202A"), ("x\u{2066}y", "U+2066"), ("x\u{2069}", "U+2069")] {
            #expect(InputText.problem(in: text)?.codePoint == codePoint, "\(codePoint)")
            #expect(InputText.problem(in: text, kind: .multiLine)?.codePoint == codePoint, "\(codePoint) in a text area")
        }
        #expect(InputText.problem(in: "Al\u{202E}i")?.description.contains("text-direction") == true)
    }

    @Test func lineBreaksAndTabsOnlyInMultiLineFields() {
        #expect(InputText.problem(in: "one\ntwo") == .controlCharacter("\n"))
        #expect(InputText.problem(in: "one\ttwo") == .controlCharacter("\t"))
        #expect(InputText.problem(in: "one\r\ntwo\tthree", kind: .multiLine) == nil)
    }

    @Test func ordinaryTextInAnyScriptPasses() {
        for text in ["Әйгерім Құрманғазықызы", "Ольга Петренко", "O'Neil-Smith", "محمد", "名前", "e\u{301}", "", "a\u{200D}b"] {
            #expect(InputText.problem(in: text) == nil, "\(text)")
        }
    }
}

@Suite("Person names: bounded in characters, bytes and marks")
struct PersonNameTests {
    static let kazakhThreePartName = "Әйгерім Құрманғазықызы Ұлықпанова"

    @Test func aKazakhThreePartNameFitsWellWithin() {
        #expect(PersonName.problem(with: Self.kazakhThreePartName) == nil)
        #expect(Self.kazakhThreePartName.count == 33 && Self.kazakhThreePartName.utf8.count == 64)
    }

    @Test func theLongestAcceptedNamesAreAtTheLimits() {
        // 120 two-byte letters: exactly 120 characters and 240 bytes, the widest name the rule accepts.
        let widest = String(repeating: "Ш", count: 120)
        #expect(PersonName.problem(with: widest) == nil)
        #expect(PersonName.problem(with: widest + "Ш") == .tooManyCharacters(121))
        #expect(PersonName.problem(with: String(repeating: "W", count: 120)) == nil)
        // 100 letters of 3 bytes: within the characters, beyond the bytes.
        #expect(PersonName.problem(with: String(repeating: "€", count: 81)) == .tooManyBytes(243))
        #expect(PersonName.problem(with: String(repeating: "€", count: 80)) == nil)
    }

    /// The penetration test's name: 130 Kazakh letters, 259 bytes, imported fine and then broke /me for good.
    @Test func theHundredAndThirtyLetterKazakhNameIsRefused() {
        let name = String(repeating: "Құрманғазы ", count: 12).prefix(129) + "қ"
        #expect(name.count == 130)
        #expect(PersonName.problem(with: String(name)) == .tooManyCharacters(130))
    }

    /// Two letters carrying 6,000 combining marks (12 KB) passed the old limit of 200 characters.
    @Test func twoLettersWithSixThousandMarksAreRefused() {
        let name = "a" + String(repeating: "\u{301}", count: 3000) + "b" + String(repeating: "\u{301}", count: 3000)
        #expect(name.count == 2)
        #expect(name.utf8.count > 12_000)
        #expect(PersonName.problem(with: name) != nil)
        // Not by bytes alone: three marks on one letter of a short name are refused too, two are fine.
        #expect(PersonName.problem(with: "Ae\u{301}\u{300}\u{302}l") == .tooManyMarks)
        #expect(PersonName.problem(with: "Ae\u{301}\u{300}l") == nil)
    }

    @Test func emptyShortAndForbiddenNamesAreRefused() {
        #expect(PersonName.problem(with: "") == .missing)
        #expect(PersonName.problem(with: "Ә") == .tooShort)
        #expect(PersonName.problem(with: "Ali\u{202E}ce") == .forbidden(.directionControl("\u{202E}")))
        #expect(PersonName.problem(with: "Ali\nce") == .forbidden(.controlCharacter("\n")))
    }

    @Test func theNameAlwaysFitsTheTokensFieldOf255Bytes() {
        #expect(PersonName.maximumBytes <= 255)
    }
}

@Suite("Matching an existing account: who may enrol it")
struct AccountMatchTests {
    static let cohort: Int64 = 10
    static let trainer: Int64 = 1
    static let otherTrainer: Int64 = 2

    static func teacher(_ links: [EnrolmentLink] = [], roles: [Role] = [.teacher]) -> AccountMatch.Existing {
        AccountMatch.Existing(personID: 50, roles: roles, links: links)
    }

    static func decide(_ actor: AccountMatch.Actor, _ existing: AccountMatch.Existing?, _ key: AccountMatch.Key) -> AccountMatch.Decision {
        AccountMatch.decide(actor: actor, cohortID: cohort, cohortTrainerID: trainer, existing: existing, key: key)
    }

    /// The attack: another region's teacher, found by exact name and school code, is never handed to the trainer.
    @Test func aNameAndSchoolMatchOfAnotherTrainersTeacherNeedsTheirJoinCode() {
        let elsewhere = Self.teacher([EnrolmentLink(cohortID: 77, trainerID: Self.otherTrainer, origin: .created)])
        #expect(Self.decide(.trainer, elsewhere, .nameAndSchool) == .needsJoinCode)
        #expect(Self.decide(.trainer, elsewhere, .iin) == .needsJoinCode, "an IIN does not hand over another trainer's teacher")
        #expect(Self.decide(.person, elsewhere, .signedIn) == .enrol(.joined), "the person may join with the code")
        #expect(Self.decide(.administrator, elsewhere, .nameAndSchool) == .enrol(.admin))
    }

    @Test func aNameAndSchoolMatchWithoutAnyCohortNeedsConfirmationToo() {
        #expect(Self.decide(.trainer, Self.teacher(), .nameAndSchool) == .needsJoinCode)
    }

    @Test func anIINMatchOfAPlainTeacherInNoOtherCohortIsEnrolledAsMatched() {
        #expect(Self.decide(.trainer, Self.teacher(), .iin) == .enrol(.matched))
        let ownEarlier = Self.teacher([EnrolmentLink(cohortID: 9, trainerID: Self.trainer, origin: .matched)])
        #expect(Self.decide(.trainer, ownEarlier, .iin) == .enrol(.matched))
    }

    @Test func aNameMatchOfSomeoneTheTrainerAlreadyCreatedIsTheirs() {
        let created = Self.teacher([EnrolmentLink(cohortID: 9, trainerID: Self.trainer, origin: .created)])
        #expect(Self.decide(.trainer, created, .nameAndSchool) == .enrol(.matched))
        let onlyMatched = Self.teacher([EnrolmentLink(cohortID: 9, trainerID: Self.trainer, origin: .matched)])
        #expect(Self.decide(.trainer, onlyMatched, .nameAndSchool) == .needsJoinCode)
    }

    @Test func holdersOfRolesAboveTeacherAreNeverHandedToATrainer() {
        for role in [Role.admin, .coordinator, .reviewer, .masterTrainer, .leadTrainer] {
            #expect(Self.decide(.trainer, Self.teacher(roles: [role, .teacher]), .iin) == .needsJoinCode, "\(role)")
        }
    }

    @Test func nobodyEnrolsATrainerInTheirOwnCohort() {
        let trainer = AccountMatch.Existing(personID: Self.trainer, roles: [.leadTrainer, .teacher], links: [])
        for actor in [AccountMatch.Actor.trainer, .person, .administrator] {
            for key in [AccountMatch.Key.iin, .nameAndSchool, .signedIn] {
                #expect(Self.decide(actor, trainer, key) == .refuseOwnCohort, "\(actor) \(key)")
            }
        }
    }

    @Test func newPeopleAreCreatedAndMembersLeftAlone() {
        #expect(Self.decide(.trainer, nil, .nameAndSchool) == .create)
        let member = Self.teacher([EnrolmentLink(cohortID: Self.cohort, trainerID: Self.trainer, origin: .created)])
        #expect(Self.decide(.trainer, member, .nameAndSchool) == .alreadyEnrolled)
    }
}

@Suite("Who may print a password reset code")
struct ResetCodePermissionTests {
    static func allows(viewer: Int64 = 1, viewerRoles: [Role] = [.leadTrainer, .teacher], roles: [Role] = [.teacher],
                       links: [EnrolmentLink]) -> Bool {
        ResetCodePermission.allows(viewerID: viewer, viewerRoles: viewerRoles, personID: 50, personRoles: roles, links: links)
    }

    @Test func aTrainerForAccountsTheyCreatedOrThatJoined() {
        #expect(Self.allows(links: [EnrolmentLink(cohortID: 9, trainerID: 1, origin: .created)]))
        #expect(Self.allows(links: [EnrolmentLink(cohortID: 9, trainerID: 1, origin: .joined)]))
    }

    @Test func neverForAMatchedAccountNorAnotherTrainersNorAHigherRole() {
        #expect(!Self.allows(links: [EnrolmentLink(cohortID: 9, trainerID: 1, origin: .matched)]))
        #expect(!Self.allows(links: [EnrolmentLink(cohortID: 9, trainerID: 1, origin: .admin)]))
        #expect(!Self.allows(links: [EnrolmentLink(cohortID: 9, trainerID: 2, origin: .created)]))
        #expect(!Self.allows(roles: [.leadTrainer, .teacher], links: [EnrolmentLink(cohortID: 9, trainerID: 1, origin: .created)]))
        #expect(!Self.allows(links: []))
    }

    @Test func administratorsForAnyoneButThemselves() {
        #expect(Self.allows(viewerRoles: [.admin], roles: [.admin], links: []))
        #expect(!ResetCodePermission.allows(viewerID: 50, viewerRoles: [.admin], personID: 50, personRoles: [.admin], links: []))
    }
}
