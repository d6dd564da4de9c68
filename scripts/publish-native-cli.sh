#!/usr/bin/env bash
# Builds the stream bridge's CLI as one native executable (Native AOT) for decode and translate: no .NET runtime to
# install, no JIT, no start-up compilation, so a run over a captured file spends its time on the records. The other
# commands (replay, invoke, redrive) start a MassTransit bus, which this build leaves out; it refuses them with exit
# status 2 and names the managed build (`dotnet Bus.StreamBridge.dll`), which has every command.
#
# Usage: scripts/publish-native-cli.sh [--output DIR] [--portable]
#   --output     the directory to write Bus.StreamBridge and appsettings.json to; default artifacts/cli/<rid>
#   --portable   on x86-64, code for any x86-64-v2 CPU (the compiler's default) instead of x86-64-v3
#
# On x86-64 the code uses x86-64-v3 (AVX2, BMI2, FMA: Intel since Haswell, AMD since Zen, every current EC2 and Lambda
# x86 CPU) when this machine has it: the JSON reader's vectorised searches run on 256-bit vectors, about 8 % less CPU
# over 100,000 records (bench/README.md). The executable refuses to start on a CPU without those instructions, with a
# message saying so; --portable builds one that runs anywhere.
#
# Native AOT compiles for the machine's own architecture (linux-x64 or linux-arm64) and needs a C toolchain (the
# compiler's linker step); the ILCompiler package is restored like any other. The publish runs on a copy of src/ in a
# temporary directory: a runtime-specific restore rewrites each project's obj/project.assets.json, which must not race
# with builds and tests using the working tree. Prints the executable's path.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64 | arm64) rid=linux-arm64 ;;
  *) echo "publish-native-cli: no Native AOT target for this machine ($(uname -m))" >&2; exit 1 ;;
esac

output="$repo_root/artifacts/cli/$rid"
portable=false
while (($# > 0)); do
  case "$1" in
    --output) output="${2:?--output needs a directory}"; shift 2 ;;
    --portable) portable=true; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "publish-native-cli: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done

for tool in dotnet tar; do
  command -v "$tool" >/dev/null || { echo "publish-native-cli: '$tool' is required" >&2; exit 1; }
done
# The compiler links the executable with clang or, failing that, gcc (plus objcopy to move the symbols out). Where
# this script may install (root with apt-get, as CI), it installs gcc from Debian's packages when neither is there.
if ! command -v clang >/dev/null && ! command -v gcc >/dev/null || ! command -v objcopy >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "publish-native-cli: installing gcc and binutils for the native link" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc libc6-dev binutils >&2
  else
    echo "publish-native-cli: Native AOT links with clang or gcc and needs objcopy; install them (Debian: apt-get install -y gcc binutils)" >&2
    exit 1
  fi
fi

instruction_set=()
if [[ "$rid" == linux-x64 && "$portable" == false ]]; then
  has_v3() {
    local flags f
    flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
    for f in avx avx2 bmi1 bmi2 fma movbe f16c; do
      [[ "$flags" == *" $f "* ]] || return 1
    done
  }
  if has_v3; then
    instruction_set=(-p:IlcInstructionSet=x86-64-v3)
  else
    echo "publish-native-cli: this CPU lacks x86-64-v3 (AVX2, BMI2, FMA); building for x86-64-v2" >&2
  fi
fi

case "$output" in
  /*) ;;
  *) output="$PWD/$output" ;;
esac

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=publish-inputs.sh
. "$repo_root/scripts/publish-inputs.sh"
copy_publish_inputs "$repo_root" "$work"

echo "publish-native-cli: compiling src/StreamBridge natively for $rid ${instruction_set[*]}" >&2
# NativeCli=true sets PublishAot on the StreamBridge project only (StreamBridge.csproj). Warnings stay errors, so a
# change that the trimming or AOT analysis cannot prove safe fails this publish rather than a run.
dotnet publish "$work/src/StreamBridge/StreamBridge.csproj" --nologo -c Release -r "$rid" -p:NativeCli=true \
  "${instruction_set[@]}" -o "$work/publish" >&2

for required in Bus.StreamBridge appsettings.json; do
  [[ -f "$work/publish/$required" ]] || { echo "publish-native-cli: the publish has no $required" >&2; exit 1; }
done

mkdir -p "$output"
# Only what decode and translate load: the executable and the configuration beside it (BridgeHost reads
# appsettings.json from the executable's directory). Symbols (.dbg), documentation and native libraries of the
# bus's stores stay out.
cp "$work/publish/Bus.StreamBridge" "$work/publish/appsettings.json" "$output/"
echo "$output/Bus.StreamBridge"
