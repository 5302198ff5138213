/// Which slice of a long list a page shows. Lists that grow with the country are read a page at a
/// time; the numbers come from a link, so they are bounded before any arithmetic.
public struct PageRequest: Sendable, Equatable {
    public static let defaultSize = 50
    public static let maximumSize = 200
    /// Far beyond any real list (10,000 pages of 50 is 500,000 rows), and small enough that the
    /// offset can never overflow.
    public static let maximumNumber = 10_000

    /// 1-based.
    public let number: Int
    public let size: Int

    /// Nil when a number is out of range: the caller answers 400 rather than guessing.
    public init?(number: Int = 1, size: Int = PageRequest.defaultSize) {
        guard (1...PageRequest.maximumNumber).contains(number), (1...PageRequest.maximumSize).contains(size) else { return nil }
        self.number = number
        self.size = size
    }

    public static let first = PageRequest()!

    public var offset: Int { (number - 1) * size }
    /// One row more than the page shows, to know whether a next page exists without counting.
    public var fetchLimit: Int { size + 1 }
}

/// One page of a list, and whether there are pages around it.
public struct ListPage<Item> {
    public var items: [Item]
    public var request: PageRequest
    public var hasNext: Bool
    public var hasPrevious: Bool { request.number > 1 }

    /// `fetched` holds up to `request.fetchLimit` rows; the extra row only says a next page exists.
    public init(fetched: [Item], request: PageRequest) {
        hasNext = fetched.count > request.size
        items = Array(fetched.prefix(request.size))
        self.request = request
    }

    /// Pages a list already in memory (a cached report).
    public init(slicing all: [Item], request: PageRequest) {
        let start = min(request.offset, all.count)
        let end = min(start + request.fetchLimit, all.count)
        self.init(fetched: Array(all[start..<end]), request: request)
    }

    public func map<T>(_ transform: (Item) throws -> T) rethrows -> ListPage<T> {
        var page = ListPage<T>(fetched: [], request: request)
        page.items = try items.map(transform)
        page.hasNext = hasNext
        return page
    }
}

extension ListPage: Sendable where Item: Sendable {}
