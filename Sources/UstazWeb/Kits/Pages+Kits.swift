import Foundation
import HTTPServer
import UstazCore
import UstazStore

/// Figures as files of their own, and classroom kits as PDFs in the reader's language.
extension KitPages {
    /// Served figures carry no script, style or outside reference (the figure reader saw to that); the header
    /// forbids them anyway, for anyone opening the file itself.
    static let figurePolicy = "default-src 'none'; img-src data:; sandbox; frame-ancestors 'none'"

    /// `/f/<fingerprint>.svg`: a figure of any course version, cacheable for a year (its address changes with it).
    func figureFile(_ request: Request) throws -> Response {
        let name = try request.parameter("figure")
        guard name.hasSuffix(".svg"), let file = try library.figure(String(name.dropLast(4))) else { throw HTTPError.notFound() }
        let etag = "\"\(name.dropLast(4))\""
        var headers: HTTPHeaders = ["Content-Type": "image/svg+xml", "Cache-Control": "public, max-age=31536000, immutable",
                                    "Content-Security-Policy": KitPages.figurePolicy, "ETag": etag]
        if file.gzipped != nil { headers["Vary"] = "Accept-Encoding" }
        if request.headers["If-None-Match"]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) == true {
            return Response(status: 304, headers: headers)
        }
        if let gzipped = file.gzipped, let accept = request.headers["Accept-Encoding"], Gzip.accepts(accept) {
            headers["Content-Encoding"] = "gzip"
            return Response(status: 200, headers: headers, body: gzipped)
        }
        return Response(status: 200, headers: headers, body: file.svg)
    }

    /// The kit's link on a lesson page, in the reader's language, and (with the page script) a button that saves
    /// it on the phone: kits are saved only when asked, never with the course, to spare weak connections.
    static func kitLink(_ visit: Visit, lesson: Lesson, address: String) -> HTML {
        guard lesson.kit != nil else { return "" }
        let text = KitText.for(visit.language)
        let url = "\(address)?lang=\(visit.language.rawValue)"
        return """
            <section class="kit-link" aria-label="\(text.classroomKit)"><p>\
            <a class="button" href="\(url)" type="application/pdf">\(text.printKit)</a> \
            <button type="button" class="kit-save" data-save-kit="\(url)" hidden>\(text.saveKit)</button></p></section>
            """
    }

    /// The kit as a reviewer approves it with the lesson: read on the page, and as it prints.
    static func kitForReview(_ visit: Visit, version: CourseVersionRecord, course: Course, lesson: Lesson, library: CourseLibrary) -> HTML {
        guard let kit = lesson.kit else { return "" }
        let text = KitText.for(visit.language)
        let context = library.context(course, lesson, visit.language)
        return """
            <section class="kit-review" lang="\(visit.language.rawValue)">
            <h2>\(text.classroomKit)</h2>
            <p><a class="button" href="/review/\(version.id)/\(lesson.id)/kit.pdf?lang=\(visit.language.rawValue)" type="application/pdf">\(text.printKit)</a></p>
            \(LessonRenderer.kit(kit.document(visit.language), context))
            </section>
            """
    }

    func publishedKit(_ request: Request) throws -> Response {
        let visit = try visit(request)
        guard let (course, _) = try library.published(try request.parameter("course")),
              let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        return try kitResponse(visit, course: course, lesson: lesson, cache: "public")
    }

    func enrolledKit(_ request: Request) throws -> Response {
        let (visit, _, _, course) = try learning.ownEnrolment(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        return try kitResponse(visit, course: course, lesson: lesson, cache: "private")
    }

    func reviewedKit(_ request: Request) throws -> Response {
        let (visit, _) = try review.reviewer(request)
        let (_, course) = try review.reviewedVersion(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        return try kitResponse(visit, course: course, lesson: lesson, cache: "private")
    }

    /// The PDF in the language the address names (`?lang=`), else the reader's.
    private func kitResponse(_ visit: Visit, course: Course, lesson: Lesson, cache: String) throws -> Response {
        let language = visit.request.query["lang"].flatMap(Language.init(rawValue:)) ?? visit.language
        guard let pdf = try library.kitPDF(course, lesson, language) else {
            throw HTTPError.notFound(KitText.for(visit.language).noKit)
        }
        let etag = "\"\(course.contentHash.prefix(16))-\(lesson.id)-\(language.rawValue)\""
        let headers: HTTPHeaders = [
            "Content-Type": "application/pdf", "ETag": etag, "Cache-Control": "\(cache), max-age=86400",
            "Content-Disposition": "inline; filename=\"\(course.id)-\(lesson.number)-\(lesson.id)-\(language.rawValue).pdf\"",
        ]
        if visit.request.headers["If-None-Match"] == etag { return Response(status: 304, headers: headers) }
        return Response(status: 200, headers: headers, body: pdf)
    }
}
