import HTTPServer

/// One controller per feature folder, each given only the parts it uses, built once at start.
struct Features: Sendable {
    let account: AccountPages
    let learning: LearningPages
    let kits: KitPages
    let review: ReviewPages
    let credentials: CredentialPages
    let cohorts: CohortPages
    let cascade: CascadePages
    let administration: AdministrationPages
    let privacy: PrivacyPages
    let offline: OfflinePages
    let coverage: CoveragePages
    let operations: OperationsPages

    init(_ ustaz: Ustaz) {
        let site = ustaz.site
        let codes = OneTimeCodes(store: ustaz.store, limiter: ustaz.signInLimiter)
        offline = OfflinePages(site: site)
        learning = LearningPages(site: site, library: ustaz.library, certification: ustaz.certification, offline: offline)
        review = ReviewPages(site: site, library: ustaz.library)
        kits = KitPages(site: site, library: ustaz.library, learning: learning, review: review)
        coverage = CoveragePages(site: site, coverageBoard: ustaz.coverageBoard)
        account = AccountPages(site: site, catalogue: ustaz.catalogue, library: ustaz.library, certification: ustaz.certification,
                               passwords: ustaz.passwords, signInLimiter: ustaz.signInLimiter, codes: codes, coverage: coverage)
        credentials = CredentialPages(site: site, catalogue: ustaz.catalogue, library: ustaz.library,
                                      issuancePolicy: ustaz.issuancePolicy, signing: ustaz.signing, renderer: ustaz.renderer)
        cohorts = CohortPages(site: site, catalogue: ustaz.catalogue, library: ustaz.library, certification: ustaz.certification,
                              issuancePolicy: ustaz.issuancePolicy, learning: learning)
        cascade = CascadePages(site: site, codes: codes, passwords: ustaz.passwords, rosters: ustaz.rosters,
                               fidelityReports: ustaz.fidelityReports, cohorts: cohorts)
        administration = AdministrationPages(site: site, rosters: ustaz.rosters, keys: ustaz.keys)
        privacy = PrivacyPages(site: site, catalogue: ustaz.catalogue, passwords: ustaz.passwords, codes: codes)
        operations = OperationsPages(site: site, catalogue: ustaz.catalogue, signing: ustaz.signing, httpMetrics: ustaz.httpMetrics)
    }

    /// Every route of the service, feature by feature. Each feature folder declares its routes, with who may call
    /// each, in its `Routes+<Feature>.swift`; the README's table maps URL prefixes to these folders.
    func routeTable() -> RouteTable {
        let all: [any Feature] = [account, learning, kits, review, credentials, cohorts, cascade, administration, privacy,
                                  offline, coverage, operations]
        var routes = RouteTable()
        for feature in all { feature.register(&routes) }
        return routes
    }
}

/// A feature's controller: it declares its routes, each with who may call it.
protocol Feature: Sendable {
    func register(_ routes: inout RouteTable)
}

extension Ustaz {
    func routeTable() -> RouteTable { Features(self).routeTable() }
}
