#!/usr/bin/env bash
# Fetches and builds the Lucene peer (IndonesianAnalyzer) once, under bench/out/tools/lucene:
# the Anserini fat jar from the PyPI source package of pyserini 1.6.0, and LucenePeer.java
# from ../shared/peers compiled with a Java 21+ compiler. Prints the classpath.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shared=${SHARED:-$here/../../shared}
dir=$here/out/tools/lucene
mkdir -p "$dir"
cd "$dir"
if [ ! -f anserini.jar ]; then
  pip download --quiet --no-deps --no-binary :all: pyserini==1.6.0 -d . >&2
  tar xzf pyserini-1.6.0.tar.gz --wildcards '*anserini-*-fatjar.jar'
  find . -name 'anserini-*-fatjar.jar' -exec mv {} anserini.jar \;
  rm -rf pyserini-1.6.0 pyserini-1.6.0.tar.gz
fi
javac=$(ls /usr/lib/jvm/*/bin/javac 2>/dev/null | grep -E 'temurin-(2[1-9]|[3-9][0-9])' | head -1 || true)
[ -n "$javac" ] || { echo "no Java 21+ compiler under /usr/lib/jvm" >&2; exit 1; }
if [ ! -f classes/LucenePeer.class ] || [ "$shared/peers/LucenePeer.java" -nt classes/LucenePeer.class ]; then
  mkdir -p classes
  "$javac" -cp anserini.jar -d classes "$shared/peers/LucenePeer.java" >&2
fi
echo "$(dirname "$javac")/java -cp $dir/anserini.jar:$dir/classes"
