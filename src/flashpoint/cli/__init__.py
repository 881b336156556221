"""The command line: parse flags, call one library function, render the result."""
