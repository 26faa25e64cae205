// Command binora is the Binora server and its operator commands:
//
//	binora serve [--addr :8080] [--no-migrate]
//	binora migrate
//	binora tenant create --subdomain S --name N --admin-email E --admin-password P
//	binora tenant list
//	binora tenant deactivate|activate --subdomain S
//	binora user reset-password --subdomain S --email E
//	binora demo [--addr :8080]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/modules/core/platform"
)

const usage = `usage:
  binora serve [--addr :8080] [--no-migrate]   serve the API (migrates first)
  binora migrate                               apply pending database migrations
  binora tenant create --subdomain S --name N --admin-email E --admin-password P
  binora tenant list                           list every tenant: subdomain, name, active, id
  binora tenant deactivate --subdomain S       stop serving a tenant (404 tenant_not_found)
  binora tenant activate --subdomain S         serve a deactivated tenant again
  binora user reset-password --subdomain S --email E
                                               print a single-use password-reset token
                                               for the user (it is mailed to them too)
  binora demo [--addr :8080]                   create the demo tenant and print how to log in
                                               to a server on that address

Configuration comes from the environment: DATABASE_URL, BINORA_DATA_DIR,
BINORA_JWT_SECRET, BINORA_BASE_DOMAIN, BINORA_SMTP_* and the rate limits
(see README.md).
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "binora:", describe(err))
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	if subs, ok := subcommands[cmd]; ok {
		if len(rest) == 0 || !slices.Contains(subs, rest[0]) {
			fmt.Fprint(stderr, usage)
			return fmt.Errorf("%q takes one of the sub-commands %s", cmd, strings.Join(subs, ", "))
		}
		cmd, rest = cmd+" "+rest[0], rest[1:]
	}
	fs := flag.NewFlagSet("binora "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	switch cmd {
	case "serve":
		addr := fs.String("addr", ":8080", "address to listen on")
		noMigrate := fs.Bool("no-migrate", false, "do not apply pending migrations at start-up")
		cfg, err := parse(fs, rest)
		if err != nil {
			return err
		}
		logger := slog.New(slog.NewJSONHandler(stdout, nil))
		return app.Serve(ctx, cfg, *addr, !*noMigrate, logger)
	case "migrate":
		cfg, err := parse(fs, rest)
		if err != nil {
			return err
		}
		return app.Migrate(ctx, cfg, stdout)
	case "tenant create":
		var in platform.TenantCreate
		fs.StringVar(&in.Subdomain, "subdomain", "", "subdomain of the company (required)")
		fs.StringVar(&in.Name, "name", "", "name of the company (required)")
		fs.StringVar(&in.AdminEmail, "admin-email", "", "email of its first admin (required)")
		fs.StringVar(&in.AdminPassword, "admin-password", "", "password of its first admin (required)")
		cfg, err := parse(fs, rest)
		if err != nil {
			return err
		}
		return app.CreateTenant(ctx, cfg, in, stdout)
	case "tenant list":
		cfg, err := parse(fs, rest)
		if err != nil {
			return err
		}
		return app.ListTenants(ctx, cfg, stdout, stderr)
	case "tenant deactivate", "tenant activate":
		subdomain := fs.String("subdomain", "", "subdomain of the tenant (required)")
		cfg, err := parseRequired(fs, rest, "subdomain")
		if err != nil {
			return err
		}
		return app.SetTenantActive(ctx, cfg, *subdomain, cmd == "tenant activate", stdout, stderr)
	case "user reset-password":
		subdomain := fs.String("subdomain", "", "subdomain of the user's tenant (required)")
		email := fs.String("email", "", "email of the user (required)")
		cfg, err := parseRequired(fs, rest, "subdomain", "email")
		if err != nil {
			return err
		}
		return app.ResetPassword(ctx, cfg, *subdomain, *email, stdout, stderr)
	case "demo":
		addr := fs.String("addr", ":8080", "address the server listens on, for the printed examples")
		cfg, err := parse(fs, rest)
		if err != nil {
			return err
		}
		return app.Demo(ctx, cfg, *addr, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

// subcommands are the commands that take a sub-command.
var subcommands = map[string][]string{
	"tenant": {"create", "list", "deactivate", "activate"},
	"user":   {"reset-password"},
}

// parseRequired is parse for commands whose flags named by required must
// all be given.
func parseRequired(fs *flag.FlagSet, args []string, required ...string) (*config.Config, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var missing []string
	for _, name := range required {
		if f := fs.Lookup(name); f == nil || strings.TrimSpace(f.Value.String()) == "" {
			missing = append(missing, "--"+name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: missing %s", fs.Name(), strings.Join(missing, ", "))
	}
	return config.FromEnv()
}

func parse(fs *flag.FlagSet, args []string) (*config.Config, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return config.FromEnv()
}

// describe turns an error into a line for an operator, naming the fields of
// a validation error.
func describe(err error) string {
	e, ok := apperr.As(err)
	if !ok {
		return err.Error()
	}
	msg := e.Detail
	for _, f := range e.Fields {
		if f.Message != e.Detail {
			msg += fmt.Sprintf("\n  --%s: %s", flagName(f.Field), f.Message)
		}
	}
	return msg
}

func flagName(field string) string {
	out := []byte(field)
	for i, c := range out {
		if c == '_' {
			out[i] = '-'
		}
	}
	return string(out)
}
