// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Diagnostics: a tiny formatter and the host log hook.
 */
#include "log.h"
#include "mm_gpu.h"

#define MM_LOG_LINE	160

struct mm_fmt_out {
	char *buf;
	u32 size;
	u32 len;
};

static void mm_fmt_putc(struct mm_fmt_out *out, char c)
{
	if (out->len + 1 < out->size)
		out->buf[out->len++] = c;
}

static void mm_fmt_puts(struct mm_fmt_out *out, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		mm_fmt_putc(out, *s++);
}

/* Unsigned @v in @base, padded to @width with @pad. */
static void mm_fmt_num(struct mm_fmt_out *out, unsigned long long v,
		       u32 base, bool upper, u32 width, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	u32 n = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v && n < sizeof(tmp));

	while (width > n) {
		mm_fmt_putc(out, pad);
		width--;
	}
	while (n)
		mm_fmt_putc(out, tmp[--n]);
}

static void mm_vformat(struct mm_fmt_out *out, const char *fmt,
		       __builtin_va_list ap)
{
	unsigned long long uv;
	long long sv;
	u32 width, lmod;
	char pad;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			mm_fmt_putc(out, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		width = 0;
		lmod = 0;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (u32)(*fmt++ - '0');
		while (*fmt == 'l') {
			lmod++;
			fmt++;
		}

		switch (*fmt) {
		case 's':
			mm_fmt_puts(out, __builtin_va_arg(ap, const char *));
			break;
		case 'c':
			mm_fmt_putc(out, (char)__builtin_va_arg(ap, int));
			break;
		case 'd':
			if (lmod >= 2)
				sv = __builtin_va_arg(ap, long long);
			else if (lmod == 1)
				sv = __builtin_va_arg(ap, long);
			else
				sv = __builtin_va_arg(ap, int);
			if (sv < 0) {
				mm_fmt_putc(out, '-');
				uv = 0ull - (unsigned long long)sv;
			} else {
				uv = (unsigned long long)sv;
			}
			mm_fmt_num(out, uv, 10, false, width, pad);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (lmod >= 2)
				uv = __builtin_va_arg(ap, unsigned long long);
			else if (lmod == 1)
				uv = __builtin_va_arg(ap, unsigned long);
			else
				uv = __builtin_va_arg(ap, unsigned int);
			mm_fmt_num(out, uv, *fmt == 'u' ? 10 : 16, *fmt == 'X',
				   width, pad);
			break;
		case '%':
			mm_fmt_putc(out, '%');
			break;
		case '\0':
			return;
		default:
			mm_fmt_putc(out, '?');
			break;
		}
	}
}

u32 mm_snprintf(char *buf, u32 size, const char *fmt, ...)
{
	struct mm_fmt_out out = { .buf = buf, .size = size, .len = 0 };
	__builtin_va_list ap;

	if (!size)
		return 0;
	__builtin_va_start(ap, fmt);
	mm_vformat(&out, fmt, ap);
	__builtin_va_end(ap);
	buf[out.len] = '\0';
	return out.len;
}

static void mm_vlog(struct mm_gpu *gpu, const char *fmt, __builtin_va_list ap)
{
	char line[MM_LOG_LINE];
	struct mm_fmt_out out = { .buf = line, .size = sizeof(line), .len = 0 };

	mm_vformat(&out, fmt, ap);
	line[out.len] = '\0';
	gpu->stats.log_lines++;
	if (gpu->ops->log)
		gpu->ops->log(gpu->host, line);
}

void mm_log(struct mm_gpu *gpu, const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	mm_vlog(gpu, fmt, ap);
	__builtin_va_end(ap);
}

/* Remember @key; false if it was already known or cannot be remembered. */
static bool mm_log_note_key(struct mm_gpu *gpu, u32 key)
{
	struct mm_log_state *ls = &gpu->log;
	u32 i;

	for (i = 0; i < ls->nkeys; i++)
		if (ls->keys[i] == key)
			return false;

	if (ls->nkeys == MM_LOG_ONCE_SLOTS) {
		if (!ls->quiet) {
			ls->quiet = true;
			mm_log(gpu, "too many distinct warnings, further ones are suppressed");
		}
		return false;
	}

	ls->keys[ls->nkeys++] = key;
	return true;
}

void mm_log_once(struct mm_gpu *gpu, u32 key, const char *fmt, ...)
{
	__builtin_va_list ap;

	if (!mm_log_note_key(gpu, key))
		return;

	__builtin_va_start(ap, fmt);
	mm_vlog(gpu, fmt, ap);
	__builtin_va_end(ap);
}
