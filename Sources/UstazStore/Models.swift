public import Foundation
public import UstazCore

/// A person as the application sees them; personal fields beyond these stay in the store.
public struct Person: Sendable, Identifiable, Equatable {
    public var id: Int64
    public var fullName: String
    public var login: String?
    public var email: String?
    public var language: Language
    public var schoolID: Int64?
    public var regionID: String?
    public var roles: [Role]
    /// The region a coordinator looks after.
    public var coordinatorRegion: String?
    public var isActivated: Bool

    public func has(_ role: Role) -> Bool { roles.contains(role) }
}

/// What it takes to create a person.
public struct NewPerson: Sendable {
    public var fullName: String
    public var login: String?
    public var email: String?
    public var passwordHash: String?
    public var language: Language
    public var schoolID: Int64?
    public var regionID: String?
    public var roles: [Role]
    public var coordinatorRegion: String?

    public init(fullName: String, login: String? = nil, email: String? = nil, passwordHash: String? = nil,
                language: Language = .kk, schoolID: Int64? = nil, regionID: String? = nil, roles: [Role],
                coordinatorRegion: String? = nil) {
        self.fullName = fullName
        self.login = login
        self.email = email
        self.passwordHash = passwordHash
        self.language = language
        self.schoolID = schoolID
        self.regionID = regionID
        self.roles = roles
        self.coordinatorRegion = coordinatorRegion
    }
}

public struct SessionRecord: Sendable {
    public var personID: Int64
    public var csrfToken: String
    public var expiresAt: Date
    public var lastSeenAt: Date
}

public struct School: Sendable, Identifiable {
    public var id: Int64
    public var code: String
    public var name: String
    public var regionID: String
    public var district: String?
    public var kind: String
    public var pilotWave: Int?

    public init(id: Int64 = 0, code: String, name: String, regionID: String, district: String? = nil,
                kind: String = "other", pilotWave: Int? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.regionID = regionID
        self.district = district
        self.kind = kind
        self.pilotWave = pilotWave
    }
}

public struct CourseVersionRecord: Sendable, Identifiable {
    public var id: Int64
    public var courseID: String
    public var contentHash: String
    public var status: String
    public var loadedAt: Date
}

public struct CohortRecord: Sendable, Identifiable {
    public var id: Int64
    public var name: String
    public var courseID: String
    public var courseVersionID: Int64
    public var trainerID: Int64
    public var trainerCredentialID: Int64?
    public var regionID: String?
    public var schoolID: Int64?
    public var capacity: Int
    public var startsOn: String
    public var endsOn: String
    public var mode: String
    public var joinCode: String
}

extension CredentialRecord {
    /// What the issuance rules need to know of a trainer's credential.
    public var standing: TrainerStanding {
        TrainerStanding(kind: kind, generation: generation, revoked: revokedAt != nil, expiresOn: expiresOn.flatMap(Day.init(iso:)))
    }
}

public struct CredentialRecord: Sendable, Identifiable {
    public var id: Int64
    public var serial: String
    public var kind: CredentialKind
    public var personID: Int64
    public var holderName: String
    public var courseID: String
    public var generation: Int
    public var cohortID: Int64?
    public var issuerCredentialID: Int64?
    public var issuedOn: String
    public var expiresOn: String?
    public var keyID: String
    public var token: String
    public var statusIndex: Int
    public var revokedAt: String?
    public var revocationReason: String?
    public var supersededBy: Int64?
    /// Set when a credential above it in the cascade was revoked: a person should look again.
    public var needsReview = false

    public init(id: Int64, serial: String, kind: CredentialKind, personID: Int64, holderName: String, courseID: String,
                generation: Int, cohortID: Int64?, issuerCredentialID: Int64?, issuedOn: String, expiresOn: String?,
                keyID: String, token: String, statusIndex: Int, revokedAt: String? = nil, revocationReason: String? = nil,
                supersededBy: Int64? = nil) {
        self.id = id
        self.serial = serial
        self.kind = kind
        self.personID = personID
        self.holderName = holderName
        self.courseID = courseID
        self.generation = generation
        self.cohortID = cohortID
        self.issuerCredentialID = issuerCredentialID
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
        self.keyID = keyID
        self.token = token
        self.statusIndex = statusIndex
        self.revokedAt = revokedAt
        self.revocationReason = revocationReason
        self.supersededBy = supersededBy
    }
}
