package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// ErrLocked is returned (wrapped) by [Open] when another process holds
// the database's lock file.
var ErrLocked = errors.New("store: the database is in use by another process")

// lockFile takes the single-instance lock: path+".lock", locked with
// flock for as long as the store is open. The lock goes with the process,
// so a killed bot never leaves a stale lock behind.
func lockFile(path string) (*os.File, error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock file %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		pid, _ := os.ReadFile(name)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			who := strings.TrimSpace(string(pid))
			if who != "" {
				who = " (pid " + who + ")"
			}
			return nil, fmt.Errorf("%w%s: %s is locked; stop the other bot first, or give this one its own BOT_DB", ErrLocked, who, name)
		}
		return nil, fmt.Errorf("lock file %s: %w", name, err)
	}
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, nil
}

// createPrivate creates the database file with mode 0600 when it does not
// exist yet (SQLite gives the -wal and -shm files the mode of the
// database), and tightens the mode of existing files.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		return f.Close()
	case !errors.Is(err, fs.ErrExist):
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
