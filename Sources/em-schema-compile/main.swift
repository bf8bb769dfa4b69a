// Placeholder; replaced by the schema compiler's command line.
print("em-schema-compile: not yet built")
