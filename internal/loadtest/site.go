package loadtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
)

// Site is Binora served over HTTP on a loopback port as production serves
// it: migrated by the owner, logged in to PostgreSQL as the app role that
// row-level security confines, with production password hashing.
type Site struct {
	App *app.App
	// BaseURL is where the server listens, e.g. http://127.0.0.1:41234.
	BaseURL string
	// Statements counts every SQL statement the application runs.
	Statements *database.StatementCounter
	server     *http.Server
	// appURL and secret are how the site reaches the database and signs
	// tokens, for an external server to do the same.
	appURL string
	secret []byte
}

// OpenSite migrates the PostgreSQL database at ownerURL, opens the
// application on it as the app role and serves it on a free loopback port.
func OpenSite(ctx context.Context, ownerURL string) (*Site, error) {
	if !database.IsPostgres(ownerURL) {
		return nil, errors.New("the load harness measures PostgreSQL: give it a postgres:// URL of the database's owner")
	}
	appURL, err := database.URLWithUser(ownerURL, database.DefaultAppRole)
	if err != nil {
		return nil, err
	}
	cfg := &config.Config{
		DatabaseURL: appURL, DatabaseOwnerURL: ownerURL,
		AppRole:         database.AppRole{Name: database.DefaultAppRole},
		JWTSecret:       []byte(rand.Text() + rand.Text()),
		AccessTokenTTL:  time.Hour,
		RefreshTokenTTL: time.Hour,
		Password:        password.DefaultParams,
	}
	if err := app.Migrate(ctx, cfg, io.Discard); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	counter := &database.StatementCounter{}
	a, err := app.Open(ctx, cfg, app.Options{Logger: slog.New(slog.DiscardHandler), WrapDriver: counter.Wrap})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		a.Close()
		return nil, err
	}
	s := &Site{App: a, BaseURL: "http://" + ln.Addr().String(), Statements: counter,
		server: &http.Server{Handler: a.Handler, ReadHeaderTimeout: 10 * time.Second},
		appURL: appURL, secret: cfg.JWTSecret}
	go func() { _ = s.server.Serve(ln) }()
	return s, nil
}

// Close stops the server and closes the application.
func (s *Site) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = s.server.Shutdown(ctx)
	s.App.Close()
}

// Login logs in as tn's admin and returns the access token.
func (s *Site) Login(ctx context.Context, tn *Tenant) (string, error) {
	body, err := json.Marshal(map[string]string{"email": tn.Email, "password": tn.Password})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.BaseURL+"/api/auth/login", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Tenant", tn.Subdomain)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("log in to %s: status %d", tn.Subdomain, resp.StatusCode)
	}
	var pair struct {
		Access string `json:"access"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&pair); err != nil {
		return "", fmt.Errorf("log in to %s: %w", tn.Subdomain, err)
	}
	return pair.Access, nil
}
