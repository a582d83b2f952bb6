// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * pc_json.c - see pc_json.h.
 */
#include <inttypes.h>
#include <math.h>

#include "pc_json.h"

void pc_json_init(struct pc_json *json, FILE *out)
{
	json->out = out;
	json->depth = 0;
}

void pc_json_write_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		switch (*c) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*c < 0x20)
				fprintf(out, "\\u%04x", *c);
			else
				fputc(*c, out);
		}
	}
	fputc('"', out);
}

/* Start a member: comma after the previous one, newline, indentation, key. */
static void pc_json_member(struct pc_json *json, const char *key)
{
	if (json->depth > 0 && json->depth <= PC_JSON_MAX_DEPTH) {
		if (json->has_members[json->depth - 1])
			fputc(',', json->out);
		json->has_members[json->depth - 1] = true;
	}
	if (json->depth > 0)
		fprintf(json->out, "\n%*s", 2 * json->depth, "");
	if (key) {
		pc_json_write_string(json->out, key);
		fputs(": ", json->out);
	}
}

void pc_json_begin(struct pc_json *json, const char *key)
{
	pc_json_member(json, key);
	fputc('{', json->out);
	if (json->depth < PC_JSON_MAX_DEPTH)
		json->has_members[json->depth] = false;
	json->depth++;
}

void pc_json_end(struct pc_json *json)
{
	json->depth--;
	fprintf(json->out, "\n%*s}", 2 * json->depth, "");
	if (!json->depth)
		fputc('\n', json->out);
}

void pc_json_string(struct pc_json *json, const char *key, const char *value)
{
	pc_json_member(json, key);
	pc_json_write_string(json->out, value);
}

void pc_json_uint(struct pc_json *json, const char *key, uint64_t value)
{
	pc_json_member(json, key);
	fprintf(json->out, "%" PRIu64, value);
}

void pc_json_int(struct pc_json *json, const char *key, int64_t value)
{
	pc_json_member(json, key);
	fprintf(json->out, "%" PRId64, value);
}

void pc_json_double(struct pc_json *json, const char *key, double value)
{
	pc_json_member(json, key);
	/* JSON has no NaN or infinity. */
	if (isfinite(value))
		fprintf(json->out, "%.3f", value);
	else
		fputs("null", json->out);
}

void pc_json_hex(struct pc_json *json, const char *key, uint64_t value)
{
	pc_json_member(json, key);
	fprintf(json->out, "\"0x%" PRIx64 "\"", value);
}

void pc_json_bool(struct pc_json *json, const char *key, bool value)
{
	pc_json_member(json, key);
	fputs(value ? "true" : "false", json->out);
}
