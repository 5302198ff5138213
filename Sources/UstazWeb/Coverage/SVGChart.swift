import Foundation
import HTTPServer
import UstazCore

/// Small charts drawn on the server as inline SVG: no script, no external file, a few hundred bytes.
/// Each has a title and description for screen readers; the pages put the same numbers in a table beside it.
enum SVGChart {
    static let ink = "#0b5c55", soft = "#9cc9c3", warn = "#b45309", grid = "#d4d4d4"

    private static func frame(id: String, title: String, description: String, width: Int, height: Int, _ body: String) -> HTML {
        HTML(raw: """
            <svg class="chart" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="\(id)-t \(id)-d" preserveAspectRatio="xMidYMid meet">\
            <title id="\(id)-t">\(title.htmlEscaped)</title><desc id="\(id)-d">\(description.htmlEscaped)</desc>\(body)</svg>
            """)
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Vertical bars, one per labelled value (weekly counts).
    static func bars(id: String, title: String, description: String, values: [(label: String, value: Int)]) -> HTML {
        let width = 640, height = 200, left = 40.0, bottom = 180.0, top = 12.0
        let highest = max(1, values.map(\.value).max() ?? 1)
        let slot = (Double(width) - left - 8) / Double(max(1, values.count))
        var body = "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(width - 8)\" y2=\"\(bottom)\" stroke=\"\(grid)\"/>"
        body += "<text x=\"\(left - 4)\" y=\"\(top + 4)\" font-size=\"11\" text-anchor=\"end\">\(highest)</text>"
        body += "<text x=\"\(left - 4)\" y=\"\(bottom)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        for (index, item) in values.enumerated() {
            let barHeight = (bottom - top) * Double(item.value) / Double(highest)
            let x = left + Double(index) * slot + slot * 0.15
            body += "<rect x=\"\(number(x))\" y=\"\(number(bottom - barHeight))\" width=\"\(number(slot * 0.7))\" height=\"\(number(barHeight))\" fill=\"\(ink)\"><title>\(item.label.htmlEscaped): \(item.value)</title></rect>"
        }
        if let first = values.first, let last = values.last {
            body += "<text x=\"\(left)\" y=\"\(bottom + 15)\" font-size=\"11\">\(first.label.htmlEscaped)</text>"
            body += "<text x=\"\(width - 8)\" y=\"\(bottom + 15)\" font-size=\"11\" text-anchor=\"end\">\(last.label.htmlEscaped)</text>"
        }
        return frame(id: id, title: title, description: description, width: width, height: height, body)
    }

    /// The cumulative count by week, the target as a line, and a dashed projection from today to the target date.
    static func progress(id: String, title: String, description: String, cumulative: [(week: Day, total: Int)], target: Int,
                         today: Day, current: Int, targetDate: Day, expected: Int,
                         labels: (start: String, end: String, target: String)) -> HTML {
        let width = 640, height = 220, left = 64.0, right = 8.0, bottom = 196.0, top = 12.0
        let start = cumulative.first?.week ?? today
        let end = max(targetDate, today)
        let span = Double(max(1, end.number - start.number))
        let highest = Double(max(1, target, expected, current))
        func x(_ day: Day) -> Double { left + (Double(width) - left - right) * Double(day.number - start.number) / span }
        func y(_ value: Int) -> Double { bottom - (bottom - top) * Double(value) / highest }
        var body = "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(Double(width) - right)\" y2=\"\(bottom)\" stroke=\"\(grid)\"/>"
        body += "<line x1=\"\(left)\" y1=\"\(number(y(target)))\" x2=\"\(Double(width) - right)\" y2=\"\(number(y(target)))\" stroke=\"\(warn)\" stroke-width=\"1.5\"/>"
        body += "<text x=\"\(left - 4)\" y=\"\(number(y(target) + 4))\" font-size=\"11\" text-anchor=\"end\">\(labels.target.htmlEscaped)</text>"
        body += "<text x=\"\(left - 4)\" y=\"\(bottom)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        // Each week's total is reached at the end of that week (its Sunday), and today for the running week.
        let points = cumulative.map { "\(number(x(min($0.week.adding(days: 6), today)))),\(number(y($0.total)))" }
        if !points.isEmpty {
            body += "<polyline points=\"\(number(x(start))),\(number(y(0))) \(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(ink)\" stroke-width=\"2.5\"/>"
        }
        body += "<line x1=\"\(number(x(today)))\" y1=\"\(number(y(current)))\" x2=\"\(number(x(end)))\" y2=\"\(number(y(expected)))\" stroke=\"\(ink)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
        body += "<text x=\"\(left)\" y=\"\(bottom + 16)\" font-size=\"11\">\(labels.start.htmlEscaped)</text>"
        body += "<text x=\"\(Double(width) - right)\" y=\"\(bottom + 16)\" font-size=\"11\" text-anchor=\"end\">\(labels.end.htmlEscaped)</text>"
        return frame(id: id, title: title, description: description, width: width, height: height + 6, body)
    }

    /// Horizontal bars of a share from 0 to 100 % (a bar past 100 % is drawn full and marked).
    static func shares(id: String, title: String, description: String, items: [(label: String, tenths: Int, text: String)]) -> HTML {
        let width = 640, row = 18, left = 210.0, right = 70.0
        let height = row * items.count + 8
        var body = ""
        for (index, item) in items.enumerated() {
            let y = Double(index * row + 4)
            let full = Double(width) - left - right
            let length = full * Double(min(1000, item.tenths)) / 1000
            body += "<text x=\"\(left - 6)\" y=\"\(number(y + 12))\" font-size=\"11\" text-anchor=\"end\">\(item.label.htmlEscaped)</text>"
            body += "<rect x=\"\(left)\" y=\"\(number(y + 2))\" width=\"\(number(full))\" height=\"12\" fill=\"\(soft)\" opacity=\"0.35\"/>"
            body += "<rect x=\"\(left)\" y=\"\(number(y + 2))\" width=\"\(number(length))\" height=\"12\" fill=\"\(ink)\"/>"
            body += "<text x=\"\(number(left + full + 4))\" y=\"\(number(y + 12))\" font-size=\"11\">\(item.text.htmlEscaped)</text>"
        }
        return frame(id: id, title: title, description: description, width: width, height: max(height, 20), body)
    }
}
