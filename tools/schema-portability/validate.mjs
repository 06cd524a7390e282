#!/usr/bin/env node
// Compile one JSON Schema with Ajv's Draft 2020-12 build in its default strict
// mode (plus ajv-formats) and validate JSON documents against it, as a tool
// written in JavaScript would. Prints one JSON object per line:
//
//   {"schema": PATH, "id": ..., "compiled": true, "warnings": [...], "ajv": V, "ajv_formats": V}
//   {"document": NAME, "valid": true|false, "errors": [{"instancePath", "keyword", "message"}]}
//   {"document": NAME, "valid": null, "error": "..."}   (unreadable or not JSON)
//
// Usage: node validate.mjs SCHEMA [DOCUMENT ...]
//   A DOCUMENT whose name ends in .jsonl holds one document per line (named FILE:LINE).
// Exit status: 0 once every document has a verdict, 2 when the schema does not
// compile (the first line then says why), 1 on a usage error.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

function emit(object) {
  process.stdout.write(`${JSON.stringify(object)}\n`);
}

function versionOf(name) {
  return require(`${name}/package.json`).version;
}

function* documents(paths) {
  for (const path of paths) {
    let text;
    try {
      text = readFileSync(path, "utf8");
    } catch (error) {
      yield { name: path, error: `unreadable: ${error.message}` };
      continue;
    }
    if (!path.endsWith(".jsonl")) {
      yield { name: path, text };
      continue;
    }
    const lines = text.split("\n");
    for (let index = 0; index < lines.length; index += 1) {
      if (lines[index].trim() !== "") {
        yield { name: `${path}:${index + 1}`, text: lines[index] };
      }
    }
  }
}

function main(argv) {
  if (argv.length < 1 || argv[0].startsWith("-")) {
    process.stderr.write("usage: node validate.mjs SCHEMA [DOCUMENT ...]\n");
    return 1;
  }
  const [schemaPath, ...documentPaths] = argv;
  const warnings = [];
  const logger = {
    log: () => {},
    warn: (...parts) => warnings.push(parts.map(String).join(" ")),
    error: (...parts) => warnings.push(parts.map(String).join(" ")),
  };
  const header = {
    schema: schemaPath,
    ajv: versionOf("ajv"),
    ajv_formats: versionOf("ajv-formats"),
  };
  let validate;
  try {
    const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
    // Default options (strict mode on); only the logger is ours, to report warnings.
    const ajv = new Ajv2020({ logger });
    addFormats(ajv);
    validate = ajv.compile(schema);
    header.id = schema.$id;
  } catch (error) {
    emit({ ...header, compiled: false, error: error.message, warnings });
    return 2;
  }
  emit({ ...header, compiled: true, warnings });
  for (const item of documents(documentPaths)) {
    if (item.error !== undefined) {
      emit({ document: item.name, valid: null, error: item.error });
      continue;
    }
    let data;
    try {
      data = JSON.parse(item.text);
    } catch (error) {
      emit({ document: item.name, valid: null, error: `not JSON: ${error.message}` });
      continue;
    }
    const valid = validate(data);
    const errors = (validate.errors ?? []).map((e) => ({
      instancePath: e.instancePath,
      keyword: e.keyword,
      message: e.message,
    }));
    emit({ document: item.name, valid, errors });
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
