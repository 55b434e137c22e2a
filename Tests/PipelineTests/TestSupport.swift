import Foundation
import Logging
import Pipeline
import PipelineStore
import Testing
import TestSupport

/// A throw-away inbox and state directory, removed when the test ends.
final class Sandbox {
    private let directory: TemporaryDirectory
    var root: URL { directory.url }
    var inbox: URL { root.appendingPathComponent("inbox") }
    var state: URL { root.appendingPathComponent("state") }

    init() throws {
        directory = try TemporaryDirectory("pi-test")
        try FileManager.default.createDirectory(at: directory.appending("inbox"), withIntermediateDirectories: true)
    }

    /// Creates a property folder with the given files (relative path → bytes).
    @discardableResult
    func folder(_ name: String, _ files: [String: Data]) throws -> URL {
        let folder = inbox.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, data) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return folder
    }

    func runtime(configuration: String? = nil) throws -> PipelineRuntime {
        var path: String?
        if let configuration {
            let url = root.appendingPathComponent("config.toml")
            try configuration.write(to: url, atomically: true, encoding: .utf8)
            path = url.path
        }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return try PipelineRuntime(stateDirectory: state.path, configPath: path, offline: true, logger: logger)
    }
}

extension String {
    var utf8Data: Data { Data(utf8) }
}

enum Fixtures {
    static var exampleFolder: URL { Repository.file("examples/inbox/villa-rawai-12") }

    static func examplePhoto() throws -> Data {
        try Data(contentsOf: exampleFolder.appendingPathComponent("IMG_0001.JPG"))
    }
}

/// Runs python3 with a script; returns (exit status, combined output).
func runPython(_ script: String, arguments: [String] = []) throws -> (Int32, String) {
    let output = try ProcessRunner.run("python3", ["-c", script] + arguments)
    return (output.status, output.combined)
}

/// Validates result.json against etc/result.schema.json with Python's jsonschema, and checks
/// that listing.md's front matter parses as YAML with the keys a site generator reads.
func validateOutputs(in folder: URL) throws {
    let script = """
    import json, sys, yaml, jsonschema
    schema = json.load(open(sys.argv[1]))
    result = json.load(open(sys.argv[2]))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(result)
    text = open(sys.argv[3], encoding="utf-8").read()
    assert text.startswith("---\\n"), "no front matter"
    front = yaml.safe_load(text.split("---\\n")[1])
    for key in ["title","date","lastmod","draft","id","property_type","listing_type","price","currency","period","bedrooms","bathrooms","area_m2","location","amenities","cover","gallery"]:
        assert key in front, "front matter lacks " + key
    for reserved in ["type","layout","url","slug","weight","permalink","published","tags"]:
        assert reserved not in front, "front matter uses the generators' reserved key " + reserved
    import datetime
    assert isinstance(front["date"], datetime.datetime) and front["lastmod"] >= front["date"], (front["date"], front["lastmod"])
    assert front["id"] == result["property_id"]
    assert front["price"] == result["price"], (front["price"], result["price"])
    assert isinstance(front["gallery"], list) and isinstance(front["amenities"], list)
    assert not any(line.startswith("# ") for line in text.split("---\\n", 2)[2].splitlines()), "the body has an H1 (themes print the title)"
    print("ok")
    """
    let (status, output) = try runPython(script, arguments: [
        Repository.file("etc/result.schema.json").path,
        folder.appendingPathComponent("result.json").path,
        folder.appendingPathComponent("listing.md").path,
    ])
    #expect(status == 0, "outputs of \(folder.lastPathComponent) are not valid: \(output)")
}
