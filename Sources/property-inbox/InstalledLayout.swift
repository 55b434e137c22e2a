import Foundation

/// Where the Debian package puts things. A command run from the packaged binary with no
/// `--config` or `--state-dir` uses the packaged config, the service's state directory and the
/// keys in `secrets.env`, so `property-inbox status` and `doctor` typed by an administrator see
/// what the service sees. A binary anywhere else (a build tree, /usr/local) keeps the
/// per-user defaults.
struct InstalledLayout {
    static let packagedBinary = "/usr/bin/property-inbox"
    var config = "/etc/property-inbox/property-inbox.toml"
    var stateDirectory = "/var/lib/property-inbox"
    var secrets = "/etc/property-inbox/secrets.env"

    /// The packaged layout when this process is the packaged binary, else nil.
    static func current() -> InstalledLayout? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return executable == packagedBinary ? InstalledLayout() : nil
    }

    /// The environment with `secrets.env`'s assignments added where the environment has none
    /// (the unit's EnvironmentFile=, read the same way). Unreadable (not root, not the service
    /// user): left as it is. The values are never printed.
    func environment(adding base: [String: String]) -> [String: String] {
        guard let text = try? String(contentsOfFile: secrets, encoding: .utf8) else { return base }
        var environment = base
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var key = String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            var value = String(trimmed[trimmed.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
                value = String(value.dropFirst().dropLast())
            }
            if environment[key] == nil { environment[key] = value }
        }
        return environment
    }
}
