# Sourced by scripts/package-lambda.sh and scripts/publish-native-cli.sh, which publish src/StreamBridge for a runtime.
#
# A runtime-specific restore rewrites each project's obj/project.assets.json, which must not race with builds and tests
# using the working tree, so those publishes run on a copy: the repository's build settings and src/ without bin/ and
# obj/. Keep this list of build settings the one place that names them.

# copy_publish_inputs REPO_ROOT DIR: copies what a publish of src/ needs from REPO_ROOT into DIR.
copy_publish_inputs() {
  (cd "$1" && tar --exclude='bin' --exclude='obj' -cf - global.json Directory.Build.props Directory.Packages.props .editorconfig src) \
    | tar -xf - -C "$2"
}
