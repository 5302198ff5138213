import HTTPServer

extension Ustaz {
    /// Every route of the service, feature by feature. Each feature folder declares its routes, with who may call
    /// each, in its `Routes+<Feature>.swift`; the README's table maps URL prefixes to these folders.
    func routeTable() -> RouteTable {
        var routes = RouteTable()
        registerAccountRoutes(&routes)
        registerLearningRoutes(&routes)
        registerKitRoutes(&routes)
        registerReviewRoutes(&routes)
        registerCredentialRoutes(&routes)
        registerCohortRoutes(&routes)
        registerCascadeRoutes(&routes)
        registerAdministrationRoutes(&routes)
        registerPrivacyRoutes(&routes)
        registerOfflineRoutes(&routes)
        registerCoverageRoutes(&routes)
        registerOperationsRoutes(&routes)
        return routes
    }
}
