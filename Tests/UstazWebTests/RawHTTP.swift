/// One HTTP/1.1 exchange over a fresh socket; returns the status code.
enum RawHTTP {
    struct Refused: Error {}

    static func send(port: Int, method: String, target: String, headers: [String: String], body: [UInt8]) throws -> Int {
        do {
            return try LiveHTTP.exchange(port: port, method, target, headers: headers, body: body).status
        } catch {
            throw Refused()
        }
    }
}
