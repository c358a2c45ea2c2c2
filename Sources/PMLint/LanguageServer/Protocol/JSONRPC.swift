#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON-RPC 2.0 as the Language Server Protocol carries it: requests, notifications and
/// responses, each one JSON object in a `Content-Length` frame.
enum JSONRPC {
    /// The error codes of JSON-RPC and of LSP that pmlint answers with.
    enum ErrorCode: Int, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    struct ResponseError: Error, Codable, Sendable {
        var code: Int
        var message: String

        init(_ code: ErrorCode, _ message: String) {
            self.code = code.rawValue
            self.message = message
        }
    }

    /// A request's id: a number or a string, as the client chose.
    enum RequestID: Codable, Hashable, Sendable {
        case number(Int)
        case string(String)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let number): try container.encode(number)
            case .string(let text): try container.encode(text)
            }
        }
    }

    /// What every message has: which method it calls, and the id of a request or response.
    struct Envelope: Decodable {
        var jsonrpc: String?
        var id: RequestID?
        var method: String?
        /// Present (even as null) on a response.
        var hasResult: Bool
        var hasError: Bool

        enum CodingKeys: String, CodingKey { case jsonrpc, id, method, result, error }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            jsonrpc = try? container.decodeIfPresent(String.self, forKey: .jsonrpc)
            id = try? container.decodeIfPresent(RequestID.self, forKey: .id)
            method = try? container.decodeIfPresent(String.self, forKey: .method)
            hasResult = container.contains(.result)
            hasError = container.contains(.error)
        }
    }

    /// A message's `params`, decoded as the method's type.
    struct Params<Value: Decodable>: Decodable {
        var params: Value
    }

    struct Response<Result: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var id: RequestID?
        var result: Result

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(jsonrpc, forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            // `result` is required on success, even when it is null.
            try container.encode(result, forKey: .result)
        }

        enum CodingKeys: String, CodingKey { case jsonrpc, id, result }
    }

    struct ErrorResponse: Encodable {
        var jsonrpc = "2.0"
        /// Null when the request's id could not be read.
        var id: RequestID?
        var error: ResponseError

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(jsonrpc, forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            try container.encode(error, forKey: .error)
        }

        enum CodingKeys: String, CodingKey { case jsonrpc, id, error }
    }

    struct Notification<Params: Encodable>: Encodable {
        var jsonrpc = "2.0"
        var method: String
        var params: Params
    }

    /// A message in its frame: `Content-Length: N`, a blank line, N bytes of JSON.
    static func frame(_ message: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every value sent is made of strings, numbers, arrays and objects: encoding cannot fail.
        let body = (try? encoder.encode(message)).map { Array($0) } ?? Array(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32603,"message":"unencodable"}}"#.utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }
}

/// Splits the bytes read from the client into frames. Strict: a header block must name a
/// `Content-Length`; a malformed one is reported and skipped, never waited on forever.
struct FrameReader {
    enum Frame: Equatable {
        case message([UInt8])
        /// What was wrong, for a JSON-RPC parse error; the reader has moved past it.
        case malformed(String)
    }

    /// The largest body accepted: a document's text JSON-escaped, with room to spare.
    let maxBody: Int
    /// A header block is a few dozen bytes; past this without a blank line, it is not one.
    let maxHeader = 8192
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes of an oversized body still to be dropped as they arrive.
    private var skipping = 0

    init(maxBody: Int) {
        self.maxBody = maxBody
    }

    mutating func append(_ bytes: [UInt8]) {
        if skipping > 0 {
            let dropped = min(skipping, bytes.count)
            skipping -= dropped
            buffer.append(contentsOf: bytes[dropped...])
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// The next complete frame, or nil until more bytes arrive.
    mutating func next() -> Frame? {
        defer { compact() }
        guard start < buffer.count else { return nil }
        guard let end = headerEnd() else {
            if buffer.count - start > maxHeader {
                start = buffer.count
                return .malformed("a header block longer than \(maxHeader) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end], as: UTF8.self)
        let bodyStart = end + 4
        var length: Int?
        for line in header.split(separator: "\r\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                start = bodyStart
                return .malformed("a header line without a colon: \(line.prefix(80))")
            }
            let name = parts[0].lowercased(), value = String(parts[1]).trimmingSpacesAndTabs
            if name == "content-length" {
                guard let number = Int(value), number >= 0 else {
                    start = bodyStart
                    return .malformed("Content-Length is not a number: \(value.prefix(40))")
                }
                length = number
            }
        }
        guard let length else {
            start = bodyStart
            return .malformed("a header block without Content-Length")
        }
        guard length <= maxBody else {
            let available = buffer.count - bodyStart
            skipping = max(0, length - available)
            start = min(buffer.count, bodyStart + length)
            return .malformed("a message of \(length) bytes, more than the \(maxBody) accepted")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        start = bodyStart + length
        return .message(Array(buffer[bodyStart..<bodyStart + length]))
    }

    /// Where the header block's blank line starts.
    private func headerEnd() -> Int? {
        var index = start
        let limit = min(buffer.count, start + maxHeader + 4)
        while index + 3 < limit {
            if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    private mutating func compact() {
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 20)
            start = 0
        } else if start > 1 << 16 {
            buffer.removeFirst(start)
            start = 0
        }
    }
}
