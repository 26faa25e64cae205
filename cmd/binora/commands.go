package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/modules/core/platform"
)

// command runs one command of the command line with its own flags.
type command func(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error

// commands are the commands of the command line, by name.
var commands = map[string]command{
	"serve":               serve,
	"migrate":             migrate,
	"tenant create":       createTenant,
	"tenant list":         listTenants,
	"tenant deactivate":   setTenantActive(false),
	"tenant activate":     setTenantActive(true),
	"user reset-password": resetPassword,
	"demo":                demo,
}

func serve(ctx context.Context, fs *flag.FlagSet, args []string, stdout, _ io.Writer) error {
	addr := fs.String("addr", ":8080", "address to listen on")
	noMigrate := fs.Bool("no-migrate", false, "do not apply pending migrations at start-up")
	cfg, err := parse(fs, args)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stdout, nil))
	return app.Serve(ctx, cfg, *addr, !*noMigrate, logger)
}

func migrate(ctx context.Context, fs *flag.FlagSet, args []string, stdout, _ io.Writer) error {
	cfg, err := parse(fs, args)
	if err != nil {
		return err
	}
	return app.Migrate(ctx, cfg, stdout)
}

func createTenant(ctx context.Context, fs *flag.FlagSet, args []string, stdout, _ io.Writer) error {
	var in platform.TenantCreate
	fs.StringVar(&in.Subdomain, "subdomain", "", "subdomain of the company (required)")
	fs.StringVar(&in.Name, "name", "", "name of the company (required)")
	fs.StringVar(&in.AdminEmail, "admin-email", "", "email of its first admin (required)")
	fs.StringVar(&in.AdminPassword, "admin-password", "", "password of its first admin; visible in the process list, "+
		"prefer --admin-password-stdin or "+adminPasswordEnv)
	fromStdin := fs.Bool("admin-password-stdin", false, "read the admin's password from the first line of standard input")
	cfg, err := parse(fs, args)
	if err != nil {
		return err
	}
	if in.AdminPassword, err = adminPassword(in.AdminPassword, *fromStdin); err != nil {
		return err
	}
	return app.CreateTenant(ctx, cfg, in, stdout)
}

// adminPasswordEnv names the variable a tenant's first admin password may
// come from, so that it never shows in the process list.
const adminPasswordEnv = "BINORA_ADMIN_PASSWORD"

// stdin is where --admin-password-stdin reads; tests replace it.
var stdin io.Reader = os.Stdin

// adminPassword picks the one source of the admin's password: the flag,
// standard input, or the environment, in that order; two sources at once
// are refused rather than guessed between.
func adminPassword(flagValue string, fromStdin bool) (string, error) {
	switch {
	case flagValue != "" && fromStdin:
		return "", errors.New("give the admin password either with --admin-password or on standard input, not both")
	case fromStdin:
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("read the admin password from standard input: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), nil
	case flagValue != "":
		return flagValue, nil
	}
	return os.Getenv(adminPasswordEnv), nil
}

func listTenants(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	cfg, err := parse(fs, args)
	if err != nil {
		return err
	}
	return app.ListTenants(ctx, cfg, stdout, stderr)
}

func setTenantActive(active bool) command {
	return func(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
		subdomain := fs.String("subdomain", "", "subdomain of the tenant (required)")
		cfg, err := parseRequired(fs, args, "subdomain")
		if err != nil {
			return err
		}
		return app.SetTenantActive(ctx, cfg, *subdomain, active, stdout, stderr)
	}
}

func resetPassword(ctx context.Context, fs *flag.FlagSet, args []string, stdout, stderr io.Writer) error {
	subdomain := fs.String("subdomain", "", "subdomain of the user's tenant (required)")
	email := fs.String("email", "", "email of the user (required)")
	cfg, err := parseRequired(fs, args, "subdomain", "email")
	if err != nil {
		return err
	}
	return app.ResetPassword(ctx, cfg, *subdomain, *email, stdout, stderr)
}

func demo(ctx context.Context, fs *flag.FlagSet, args []string, stdout, _ io.Writer) error {
	addr := fs.String("addr", ":8080", "address the server listens on, for the printed examples")
	cfg, err := parse(fs, args)
	if err != nil {
		return err
	}
	return app.Demo(ctx, cfg, *addr, stdout)
}
