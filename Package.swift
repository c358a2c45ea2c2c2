// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pmlint",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pmlint", targets: ["pmlint"]),
        .library(name: "PMLint", targets: ["PMLint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "PMLint",
            dependencies: ["CYAML"],
            plugins: ["EmbedRules"]
        ),
        .executableTarget(
            name: "pmlint",
            dependencies: [
                "PMLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Turns the top-level rules/ folder into Swift source, so the installed binary
        // carries the built-in catalog and needs no checkout at run time.
        .executableTarget(name: "embed-rules", path: "Sources/embed-rules"),
        .plugin(
            name: "EmbedRules",
            capability: .buildTool(),
            dependencies: ["embed-rules"]
        ),
        .testTarget(
            name: "PMLintTests",
            dependencies: ["PMLint", "pmlint"],
            exclude: ["Golden", "Fixtures"]
        ),
    ]
)
