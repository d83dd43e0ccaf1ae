#!/bin/sh
. "${srcdir:-.}/tests/cli/lib.sh"
setup
run 0 init
finish
