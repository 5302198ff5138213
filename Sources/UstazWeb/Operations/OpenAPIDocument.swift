/// A JSON value built in code (the OpenAPI description is generated from the same table specs the
/// responses are, so the two cannot drift apart).
indirect enum JSONValue: Encodable, Sendable {
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(elements, uniquingKeysWith: { a, _ in a })) }
}

/// OpenAPI 3.0 description of /api/v1.
enum OpenAPIDocument {
    static func document(baseURL: String) -> JSONValue {
        var paths: [String: JSONValue] = [
            "/api/v1/coverage": operation(
                summary: "National coverage: certified people against the target, and the projection to the target date.",
                isPublic: true, json: ["$ref": "#/components/schemas/CoverageSummary"]),
            "/api/v1/openapi.json": operation(summary: "This description.", isPublic: true, json: ["type": "object"]),
        ]
        for spec in CoverageTableSpec.all {
            let access = spec.isPublic ? "Public national aggregates." : "Coordinators (their region) and administrators (all regions)."
            paths["/api/v1/coverage/\(spec.name)"] = operation(
                summary: "The \(spec.name) table of the coverage page as JSON. \(access)", isPublic: spec.isPublic,
                json: ["$ref": .string("#/components/schemas/\(schemaName(spec))")])
            paths["/api/v1/coverage/\(spec.name).csv"] = operation(
                summary: "The \(spec.name) table as CSV (header: the JSON keys; cells starting with = + - @ are prefixed with an apostrophe). \(access)",
                isPublic: spec.isPublic, csv: true)
        }
        var schemas: [String: JSONValue] = [
            "Error": object([("error", object([("status", integer), ("message", ["type": "string"])]))]),
            "CoverageSummary": object([
                ("as_of", ["type": "string", "format": "date-time"]), ("certified", integer), ("target", integer),
                ("percent_of_target", ["type": "number"]), ("enrolled", integer), ("in_training", integer),
                ("target_date", ["type": "string", "format": "date"]), ("weekly_rate", ["type": "number"]),
                ("window_start", ["type": "string", "format": "date"]), ("window_end", ["type": "string", "format": "date"]),
                ("reaches_target_on", ["type": "string", "format": "date", "nullable": true]),
                ("already_reached", ["type": "boolean"]), ("expected_at_target_date", integer), ("on_track", ["type": "boolean"]),
                ("method", ["type": "string"]),
            ]),
        ]
        for spec in CoverageTableSpec.all {
            let row = object(spec.columns.map { column in
                var schema: [String: JSONValue] = switch column.type {
                case .integer: ["type": "integer"]
                case .number: ["type": "number"]
                case .string: ["type": "string"]
                case .boolean: ["type": "boolean"]
                case .date: ["type": "string", "format": "date"]
                }
                if column.nullable { schema["nullable"] = true }
                return (column.key, .object(schema))
            })
            schemas[schemaName(spec)] = object([
                ("table", ["type": "string", "enum": [.string(spec.name)]]), ("as_of", ["type": "string", "format": "date-time"]),
                ("scope", ["type": "string"]), ("rows", ["type": "array", "items": row]),
            ])
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "Ustaz API",
                "version": "1",
                "description": .string("""
                    Coverage of the teachers' AI-literacy cascade. Public endpoints need no authentication. The others use \
                    the session cookie `ustaz_session` set by signing in at /signin (the same session as the pages); \
                    coordinators see their region, administrators every region. Region names follow the language cookie \
                    `ustaz_lang` or Accept-Language.
                    """),
            ],
            "servers": [["url": .string(baseURL)]],
            "paths": .object(paths),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": ["cookieAuth": ["type": "apiKey", "in": "cookie", "name": "ustaz_session"]],
            ],
        ]
    }

    private static let integer: JSONValue = ["type": "integer"]

    private static func schemaName(_ spec: CoverageTableSpec) -> String {
        "Coverage" + spec.name.prefix(1).uppercased() + spec.name.dropFirst() + "Table"
    }

    private static func object(_ properties: [(String, JSONValue)]) -> JSONValue {
        [
            "type": "object",
            "required": .array(properties.map { .string($0.0) }),
            "properties": .object(Dictionary(properties, uniquingKeysWith: { a, _ in a })),
        ]
    }

    private static func operation(summary: String, isPublic: Bool, json: JSONValue? = nil, csv: Bool = false) -> JSONValue {
        let error: JSONValue = ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]
        let content: JSONValue = csv ? ["text/csv": ["schema": ["type": "string"]]] : ["application/json": ["schema": json ?? ["type": "object"]]]
        var responses: [String: JSONValue] = ["200": ["description": "OK", "content": content]]
        var get: [String: JSONValue] = ["summary": .string(summary)]
        if isPublic {
            get["security"] = []
        } else {
            get["security"] = [["cookieAuth": []]]
            responses["401"] = ["description": "Not signed in.", "content": error]
            responses["403"] = ["description": "Signed in without a coordinator's or an administrator's role.", "content": error]
        }
        get["responses"] = .object(responses)
        return ["get": .object(get)]
    }
}
