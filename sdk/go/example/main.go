// Command example logs in to a Binora server and prints the tenant's
// datacenters and assets.
//
//	go run ./example -url http://localhost:8080 -tenant demo -email admin@demo.example
//
// Each flag defaults to an environment variable: BINORA_URL, BINORA_TENANT,
// BINORA_EMAIL and BINORA_PASSWORD (the password is best given that way).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

func main() {
	log.SetFlags(0)
	baseURL := flag.String("url", os.Getenv("BINORA_URL"), "server base URL (env BINORA_URL)")
	tenant := flag.String("tenant", os.Getenv("BINORA_TENANT"), "tenant subdomain (env BINORA_TENANT)")
	email := flag.String("email", os.Getenv("BINORA_EMAIL"), "login email (env BINORA_EMAIL)")
	password := flag.String("password", os.Getenv("BINORA_PASSWORD"), "login password (env BINORA_PASSWORD)")
	flag.Parse()
	if *baseURL == "" || *tenant == "" || *email == "" || *password == "" {
		flag.Usage()
		log.Fatal("the URL, tenant, email and password are all required")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, *baseURL, *tenant, *email, *password)
	stop()
	if err != nil {
		if p, ok := binora.AsProblem(err); ok {
			log.Fatalf("binora: %d %s: %s", p.StatusCode, p.Response.Code, p.Response.Detail)
		}
		log.Fatal(err)
	}
}

func run(ctx context.Context, baseURL, tenant, email, password string) (err error) {
	c, err := binora.New(baseURL, tenant)
	if err != nil {
		return err
	}
	if _, err := c.Login(ctx, email, password); err != nil {
		return fmt.Errorf("login: %w", err)
	}
	defer func() {
		logoutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		err = errors.Join(err, c.Logout(logoutCtx))
	}()

	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	defer w.Flush()

	fmt.Fprintln(w, "DATACENTER\tNAME\tADDRESS")
	for offset := 0; ; {
		page, err := c.ListDatacenters(ctx, binoraapi.ListDatacentersParams{
			Limit:  binoraapi.NewOptInt(100),
			Offset: binoraapi.NewOptInt(offset),
		})
		if err != nil {
			return fmt.Errorf("list datacenters: %w", err)
		}
		for _, dc := range page.Results {
			address, _ := dc.Address.Get()
			fmt.Fprintf(w, "%s\t%s\t%s\n", dc.Code, dc.Name, address)
		}
		offset += len(page.Results)
		if page.Next.IsNull() || len(page.Results) == 0 {
			break
		}
	}

	fmt.Fprintln(w, "\nASSET\tNAME\tTYPE\tSTATUS\tDATACENTER")
	for offset := 0; ; {
		page, err := c.ListAssets(ctx, binoraapi.ListAssetsParams{
			Limit:  binoraapi.NewOptInt(100),
			Offset: binoraapi.NewOptInt(offset),
		})
		if err != nil {
			return fmt.Errorf("list assets: %w", err)
		}
		for _, a := range page.Results {
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", a.Code, a.Name, a.AssetTypeDisplay, a.StatusDisplay, a.Datacenter.Code)
		}
		offset += len(page.Results)
		if page.Next.IsNull() || len(page.Results) == 0 {
			break
		}
	}
	return nil
}
