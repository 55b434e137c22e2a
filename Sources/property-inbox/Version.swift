/// The release, printed by `--version` and stamped into the Debian package by `make deb`.
enum Version {
    static let current = "0.4.0"
}
