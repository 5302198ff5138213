// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: ustaz → UstazWeb → (HTTPServer, UstazStore, Credentials → Printing, Passwords) → UstazCore.
// Each C library is imported by exactly one Swift module.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Ustaz",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ustaz", targets: ["ustaz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries, one system target each (the Makefile apt-installs the -dev packages).
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev", "libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CMalloc"),

        // HTTP over libmicrohttpd; knows nothing of teachers.
        .target(
            name: "HTTPServer",
            dependencies: ["CMicroHTTPD", "CZlib", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),
        // Domain values and rules, no I/O.
        .target(
            name: "UstazCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        // SQLite through GRDB: schema, migrations, queries.
        // The catalogue read from folders on disk (UstazCore itself does no I/O).
        .target(name: "CourseFolders", dependencies: ["UstazCore"], swiftSettings: strict),
        .target(
            name: "UstazStore",
            dependencies: ["UstazCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        // Pages for paper: SVG through librsvg, text through Pango, into cairo PDF (kits) and PNG/PDF (certificates).
        .target(name: "Printing", dependencies: ["UstazCore", "CRSVG", "CPango"], swiftSettings: strict),
        // Signing keys, tokens, QR codes, certificate rendering (drawn by Printing).
        .target(
            name: "Credentials",
            dependencies: [
                "UstazCore", "CQREncode", "Printing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        // argon2id password hashing.
        .target(name: "Passwords", dependencies: ["CArgon2"], swiftSettings: strict),
        // Pages, JSON API, sessions, translations.
        .target(
            name: "UstazWeb",
            dependencies: [
                "HTTPServer", "UstazCore", "CourseFolders", "UstazStore", "Credentials", "Passwords", "Printing",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The demo world and the synthetic nation: data for trying and measuring Ustaz, kept out of the service.
        .target(
            name: "UstazFixtures",
            dependencies: ["UstazWeb", "UstazStore", "UstazCore", "Credentials"],
            swiftSettings: strict),
        .executableTarget(
            name: "ustaz",
            dependencies: [
                "UstazWeb", "UstazFixtures", "HTTPServer", "UstazStore", "UstazCore", "CourseFolders", "Credentials", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),

        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"], swiftSettings: strict),
        .testTarget(name: "UstazCoreTests", dependencies: ["UstazCore", "CourseFolders"], swiftSettings: strict),
        // Fixtures/ holds data files the tests read by path (the previous schema's database, for UpgradeTests).
        .testTarget(name: "UstazStoreTests", dependencies: ["UstazStore", "UstazCore", "CourseFolders"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "UstazCore"], swiftSettings: strict),
        .testTarget(name: "PrintingTests", dependencies: ["Printing", "UstazCore"], swiftSettings: strict),
        .testTarget(name: "PasswordsTests", dependencies: ["Passwords"], swiftSettings: strict),
        .testTarget(
            name: "UstazWebTests",
            dependencies: ["UstazWeb", "UstazFixtures", "HTTPServer", "UstazStore", "UstazCore", "CourseFolders", "Credentials"],
            swiftSettings: strict),
    ]
)
