// Command binora is the Binora server and its operator commands:
//
//	binora serve [--addr :8080] [--no-migrate]
//	binora migrate
//	binora tenant create --subdomain S --name N --admin-email E [--admin-password-stdin]
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
	"os"
	"slices"
	"strings"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/config"
)

const usage = `usage:
  binora serve [--addr :8080] [--no-migrate]   serve the API (migrates first; on PostgreSQL
                                               only with DATABASE_OWNER_URL set)
  binora migrate                               apply pending database migrations as the owner
                                               and create or update the app role
  binora tenant create --subdomain S --name N --admin-email E [--admin-password-stdin]
                                               the admin's password from standard input,
                                               else BINORA_ADMIN_PASSWORD (or --admin-password P)
  binora tenant list                           list every tenant: subdomain, name, active, id
  binora tenant deactivate --subdomain S       stop serving a tenant (404 tenant_not_found)
  binora tenant activate --subdomain S         serve a deactivated tenant again
  binora user reset-password --subdomain S --email E
                                               print a single-use password-reset token
                                               for the user (it is mailed to them too)
  binora demo [--addr :8080]                   create the demo tenant and print how to log in
                                               to a server on that address

Configuration comes from the environment: DATABASE_URL (on PostgreSQL as the
app role), DATABASE_OWNER_URL (the owner, for migrations), DATABASE_READ_URL (a
read replica for the lists, as the app role), BINORA_DB_APP_ROLE,
BINORA_DB_APP_PASSWORD, BINORA_DATA_DIR, BINORA_JWT_SECRET, BINORA_BASE_DOMAIN,
BINORA_SMTP_*, BINORA_METRICS_ADDR and the rate limits (see README.md).
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "binora:", describe(err))
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	name, rest, err := commandOf(args)
	if err != nil {
		fmt.Fprint(stderr, usage)
		return err
	}
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", name)
	}
	fs := flag.NewFlagSet("binora "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return cmd(ctx, fs, rest, stdout, stderr)
}

// commandOf splits args into the command's name ("serve", "tenant create")
// and its flags.
func commandOf(args []string) (string, []string, error) {
	if len(args) == 0 {
		return "", nil, errors.New("no command given")
	}
	name, rest := args[0], args[1:]
	subs, ok := subcommands[name]
	if !ok {
		return name, rest, nil
	}
	if len(rest) == 0 || !slices.Contains(subs, rest[0]) {
		return "", nil, fmt.Errorf("%q takes one of the sub-commands %s", name, strings.Join(subs, ", "))
	}
	return name + " " + rest[0], rest[1:], nil
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
