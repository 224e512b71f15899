// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the initramfs that tests/bochs/run boots in Bochs: runs /prog
 * (the program under test) as the only other process, then powers off.
 * Built static by the harness; the guest has no shell and no libraries.
 *
 * The job's files, from the second initramfs archive that the harness
 * makes for each run:
 *   /prog   the static program
 *   /args   its argv, each word NUL-terminated (argv[0] first)
 *   /stdin  its standard input (empty when none was given)
 *   /nonce  a word that marks this run's lines (removed before /prog runs)
 *
 * The program's stdout and stderr share one pipe, which init copies to
 * Bochs' port 0xE9 (port_e9_hack: each byte comes out at once on Bochs'
 * stdout, unchanged and unpaced, unlike a UART). Framed there as
 *   SMBSIGN-BOCHS-START <nonce>\n  <output>  SMBSIGN-BOCHS-EXIT <nonce> <n>\n
 * with <n> the exit status (128 + signal number when killed). When init
 * cannot run the program it writes SMBSIGN-BOCHS-ERROR <nonce> <why> there
 * and on the console. Then it stops Bochs through its shutdown port
 * (0x8900), falling back to an ACPI power-off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define E9_PORT 0xe9
#define SHUTDOWN_PORT 0x8900

static int con = -1;
static int have_e9;
static char nonce[64] = "?";

static void e9_write(const void *buf, size_t len)
{
	if (have_e9)
		outsb(E9_PORT, buf, len);
}

/* A line to port 0xE9 and to the console. */
static void say(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	e9_write(buf, n);
	if (con >= 0 && write(con, buf, n) < 0)
		con = -1;
}

static void __attribute__((noreturn)) power_off(void)
{
	static const char word[] = "Shutdown";
	size_t i;

	if (con >= 0)
		tcdrain(con);
	sync();
	/* Bochs quits at once on "Shutdown" written to port 0x8900. */
	if (ioperm(SHUTDOWN_PORT, 1, 1) == 0)
		for (i = 0; i < sizeof(word) - 1; i++)
			outb(word[i], SHUTDOWN_PORT);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

static void __attribute__((noreturn)) fail(const char *what)
{
	say("\nSMBSIGN-BOCHS-ERROR %s %s: %s\n", nonce, what, strerror(errno));
	power_off();
}

static char *read_file(const char *path, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (!buf || fd < 0)
		return NULL;
	while ((r = read(fd, buf + n, cap - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return NULL;
		}
		n += r;
		if (n == cap) {
			char *nb = realloc(buf, 2 * cap + 1);

			if (!nb) {
				close(fd);
				return NULL;
			}
			buf = nb;
			cap *= 2;
		}
	}
	close(fd);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int main(void)
{
	static char *envp[] = { "PATH=/usr/bin:/bin", "HOME=/", "TMPDIR=/tmp",
				"LANG=C", NULL };
	char **argv, *args, *s, buf[4096];
	size_t len, i, argc;
	int pfd[2], status, rc;
	ssize_t n;
	pid_t pid;

	/* Before anything can fail: the console and port 0xE9. */
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	con = open("/dev/console", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	have_e9 = ioperm(E9_PORT, 1, 1) == 0;
	s = read_file("/nonce", &len);
	if (s) {
		s[strcspn(s, "\n")] = '\0';
		snprintf(nonce, sizeof(nonce), "%s", s);
		free(s);
		unlink("/nonce");
	}
	if (!have_e9)
		fail("ioperm 0xe9");
	if (mount("proc", "/proc", "proc", 0, NULL))
		fail("mount /proc");
	if (mount("sysfs", "/sys", "sysfs", 0, NULL))
		fail("mount /sys");
	if (mount("tmpfs", "/tmp", "tmpfs", 0, "mode=1777"))
		fail("mount /tmp");

	args = read_file("/args", &len);
	if (!args || len == 0 || args[len - 1] != '\0')
		fail("read /args");
	for (argc = 0, i = 0; i < len; i++)
		argc += args[i] == '\0';
	argv = calloc(argc + 1, sizeof(*argv));
	if (!argv)
		fail("calloc");
	for (argc = 0, i = 0; i < len; i += strlen(args + i) + 1)
		argv[argc++] = args + i;

	if (pipe2(pfd, O_CLOEXEC))
		fail("pipe");
	say("\nSMBSIGN-BOCHS-START %s\n", nonce);
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		int in = open("/stdin", O_RDONLY);

		if (in < 0 || dup2(in, 0) < 0 || dup2(pfd[1], 1) < 0 ||
		    dup2(pfd[1], 2) < 0)
			_exit(126);
		if (in > 2)
			close(in);
		if (chdir("/tmp"))
			_exit(126);
		execve("/prog", argv, envp);
		n = snprintf(buf, sizeof(buf), "init: exec %s: %s\n", argv[0],
			     strerror(errno));
		if (n > 0 && write(2, buf, n) < 0)
			_exit(127);
		_exit(127);
	}
	close(pfd[1]);
	for (;;) {
		n = read(pfd[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		e9_write(buf, n);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			fail("waitpid");
	if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else
		rc = 128 + WTERMSIG(status);
	say("SMBSIGN-BOCHS-EXIT %s %d\n", nonce, rc);
	power_off();
}
