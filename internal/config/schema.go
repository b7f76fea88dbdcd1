package config

import _ "embed"

// Schema is the JSON Schema (draft 2020-12) of the configuration file, for
// editors and for "print the schema" commands. Its $id is SchemaID. The
// package's tests check that it agrees with Config and with Parse.
//
//go:embed releasebot.schema.json
var Schema []byte

// SchemaID is the $id of Schema.
const SchemaID = "https://github.com/releasebot/releasebot/raw/main/internal/config/releasebot.schema.json"
