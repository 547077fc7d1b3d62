# For the clean-up tests (TapCleanupTest): a TAP target whose agent hangs before its ready line.
# It never prints one, never reads its input and never writes (so no broken pipe ends it either);
# the TAP device's name only stands in its command line, as in a real agent's.
description = an agent that hangs before its ready line
attach = tap
agent = perl -e sleep(600) {tap}
