#!/usr/bin/env bash
# Builds the stream bridge's Lambda deployment package for the managed dotnet10 runtime: a framework-dependent
# Release publish for Linux, its assemblies precompiled (ReadyToRun) for the function's architecture, zipped with
# Bus.StreamBridge.dll, its .deps.json and .runtimeconfig.json at the root (the handler string
# Bus.StreamBridge::Bus.StreamBridge.Hosting.LambdaFunction::Handle names that assembly).
#
# Usage: scripts/package-lambda.sh [--arch x86_64|arm64] [--output FILE] [--no-ready-to-run]
#   --arch              the function's architecture (template parameter Architecture); default x86_64
#   --output            the zip to write; default artifacts/lambda/stream-bridge.zip, the path deploy/*.yaml name as Code
#   --no-ready-to-run   IL only: every method is compiled by the JIT when first called (a slower cold start, a
#                       smaller package; bench/cold-start.sh compares the two)
#
# The publish runs on a copy of src/ in a temporary directory: a runtime-specific restore rewrites each project's
# obj/project.assets.json, which must not race with builds and tests using the working tree.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

arch=x86_64
output="$repo_root/artifacts/lambda/stream-bridge.zip"
ready_to_run=true
while (($# > 0)); do
  case "$1" in
    --arch) arch="${2:?--arch needs x86_64 or arm64}"; shift 2 ;;
    --output) output="${2:?--output needs a file name}"; shift 2 ;;
    --no-ready-to-run) ready_to_run=false; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "package-lambda: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

case "$arch" in
  x86_64) rid=linux-x64 ;;
  arm64) rid=linux-arm64 ;;
  *) echo "package-lambda: --arch must be x86_64 or arm64, not '$arch'" >&2; exit 2 ;;
esac

for tool in dotnet zip tar; do
  command -v "$tool" >/dev/null || { echo "package-lambda: '$tool' is required" >&2; exit 1; }
done

case "$output" in
  /*) ;;
  *) output="$PWD/$output" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=publish-inputs.sh
. "$repo_root/scripts/publish-inputs.sh"
copy_publish_inputs "$repo_root" "$work"

echo "package-lambda: publishing src/StreamBridge for $rid (ReadyToRun: $ready_to_run)" >&2
# ReadyToRun: crossgen2 (restored for the publish, like the runtime pack it compiles against) stores native code for
# the target in each assembly, so a cold start runs it instead of waiting for the JIT; tiered compilation still
# replaces the hot methods with fully optimised code once they have run often enough. LambdaPackage=true keeps the
# runtime's tiering delay, which the CLI's own build shortens (StreamBridge.csproj).
dotnet publish "$work/src/StreamBridge/StreamBridge.csproj" --nologo -c Release -r "$rid" --self-contained false \
  -p:UseAppHost=false -p:PublishReadyToRun="$ready_to_run" -p:LambdaPackage=true -o "$work/publish" >&2

for required in Bus.StreamBridge.dll Bus.StreamBridge.deps.json Bus.StreamBridge.runtimeconfig.json appsettings.json; do
  [[ -f "$work/publish/$required" ]] || { echo "package-lambda: the publish has no $required" >&2; exit 1; }
done

mkdir -p "$(dirname "$output")"
rm -f "$output"
# Entries relative to the publish directory: Lambda loads the handler's assembly from the root of the package.
(cd "$work/publish" && zip -q -r -X "$output" .)
echo "$output"
