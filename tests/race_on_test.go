//go:build race

package tests

// raceDetector tells the suite it runs under the race detector (go test -race).
const raceDetector = true
