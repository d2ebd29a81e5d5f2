// kport's command line. Exit status: 0 success, 1 the input has errors, 2 usage error.
import Driver

KportCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
