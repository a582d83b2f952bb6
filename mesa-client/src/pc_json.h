/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pc_json.h - a minimal streaming JSON writer for panthor-client's --json
 * output: objects, strings, numbers and booleans, two-space indentation.
 */
#ifndef PC_JSON_H
#define PC_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Deeper objects are written without commas: never nest this deep. */
#define PC_JSON_MAX_DEPTH	16

/**
 * struct pc_json - writer state
 * @out: where the text goes
 * @depth: number of open objects
 * @has_members: per open object, whether a member was written (for commas)
 */
struct pc_json {
	FILE *out;
	int depth;
	bool has_members[PC_JSON_MAX_DEPTH];
};

/** pc_json_init() - start writing to @out */
void pc_json_init(struct pc_json *json, FILE *out);

/** pc_json_begin() - open an object; @key is NULL for the outermost one */
void pc_json_begin(struct pc_json *json, const char *key);

/** pc_json_end() - close the innermost object (a newline after the last) */
void pc_json_end(struct pc_json *json);

/** pc_json_string() - a string member, escaped as JSON requires */
void pc_json_string(struct pc_json *json, const char *key, const char *value);

/** pc_json_uint() - an unsigned integer member */
void pc_json_uint(struct pc_json *json, const char *key, uint64_t value);

/** pc_json_int() - a signed integer member */
void pc_json_int(struct pc_json *json, const char *key, int64_t value);

/** pc_json_double() - a number member with three decimals (null if not finite) */
void pc_json_double(struct pc_json *json, const char *key, double value);

/** pc_json_hex() - an integer member written as a "0x..." string */
void pc_json_hex(struct pc_json *json, const char *key, uint64_t value);

/** pc_json_bool() - a boolean member */
void pc_json_bool(struct pc_json *json, const char *key, bool value);

/** pc_json_write_string() - write @s as a quoted, escaped JSON string */
void pc_json_write_string(FILE *out, const char *s);

#endif /* PC_JSON_H */
