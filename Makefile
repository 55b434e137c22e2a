# PropertyInbox — `make demo` and `make test` work on a fresh Debian 12 machine with Swift.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
STATE_DIR ?= $(CURDIR)/.demo/state
DEMO_INBOX := $(CURDIR)/.demo/inbox

# Debian packages the build and the tests need (C libraries, and the real tools the tests drive).
APT_PACKAGES := tzdata libexif-dev libturbojpeg0-dev libjpeg62-turbo-dev libheif-dev libpng-dev libssl-dev \
	libcurl4-openssl-dev libsqlite3-dev pkg-config python3 python3-yaml python3-jsonschema \
	libimage-exiftool-perl libheif-examples python3-pil libvips-tools hugo rsync

.PHONY: deps build demo site site-sync site-check test clean release manpage install install-files deb

# Installs only what is missing, without prompting (as root, or through sudo when available).
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# Copies the example inbox to .demo/ (so the repository stays clean) and processes it offline.
demo: build
	@rm -rf $(DEMO_INBOX) && mkdir -p $(dir $(DEMO_INBOX)) && cp -a examples/inbox $(DEMO_INBOX)
	$(SWIFT) run $(BUILD_FLAGS) property-inbox scan $(DEMO_INBOX) --state-dir $(STATE_DIR) --offline
	@echo
	@echo "Listings written beside the inputs:"
	@for d in $(DEMO_INBOX)/*/; do [ -f "$$d/listing.md" ] && echo "  $${d}listing.md"; done; true
	@echo "Agent status files: $(DEMO_INBOX)/*/_STATUS.txt and $(DEMO_INBOX)/_INBOX_STATUS.txt"

# The example Hugo site (examples/site): the example inbox copied to .demo/site-inbox, processed
# offline, synced into the site's content (sync-listings.sh: listing.md and photos only), built
# with Hugo into .demo/site/public.
SITE_DIR := $(CURDIR)/.demo/site
SITE_INBOX := $(CURDIR)/.demo/site-inbox
site: build
	@rm -rf $(SITE_DIR) $(SITE_INBOX) $(SITE_DIR)-state && mkdir -p $(dir $(SITE_DIR))
	cp -a examples/inbox $(SITE_INBOX) && cp -a examples/site $(SITE_DIR)
	$(SWIFT) run $(BUILD_FLAGS) property-inbox scan $(SITE_INBOX) --state-dir $(SITE_DIR)-state --offline \
	  --config examples/site/property-inbox.toml
	examples/site/sync-listings.sh $(SITE_INBOX) $(SITE_DIR)/content/listings
	hugo --source $(SITE_DIR) --destination $(SITE_DIR)/public --quiet
	@echo "Site built: $(SITE_DIR)/public/index.html"

# The folder contract as a target: `make site-sync INBOX=/srv/inbox DEST=/srv/site/content/listings`
# copies listing.md (as index.md) and the published photos of every listing, nothing else.
site-sync:
	@[ -n "$(INBOX)" ] && [ -n "$(DEST)" ] || { echo "usage: make site-sync INBOX=<inbox> DEST=<site>/content/listings"; exit 2; }
	examples/site/sync-listings.sh $(INBOX) $(DEST)

# Every page and image link resolves, the listings layout is used, listings are newest first,
# Open Graph images exist, and no input file was published. Part of `make test`.
site-check: site
	python3 examples/site/check_site.py $(SITE_DIR)/public https://homes.example/ $(SITE_INBOX)

# The Swift tests run with a PostgreSQL of their own (the folder history's PostgreSQL variants).
test: build
	@$(MAKE) --no-print-directory deps APT_PACKAGES=postgresql
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	scripts/with-test-postgres.sh $(SWIFT) test --skip-build $(BUILD_FLAGS)
	$(MAKE) --no-print-directory site-check
	$(MAKE) --no-print-directory integration-test
	$(MAKE) --no-print-directory bench-smoke

clean:
	rm -rf .build .demo

# --- Installing: `make install PREFIX=/usr/local DESTDIR=` or `make deb` ----------------------
# The release binary links the Swift runtime statically: the server needs no Swift toolchain.
PREFIX ?= /usr/local
SYSCONFDIR ?= /etc
BINARY ?= .build/release/property-inbox

release: deps manpage
	$(SWIFT) build -c release --static-swift-stdlib --product property-inbox

# The man page, from the argument parser's own description of every command (its plugin).
manpage: build
	mkdir -p .build/man
	$(SWIFT) package --disable-sandbox plugin generate-manual --configuration debug --output-directory .build/man

install: release install-files
	@echo "Installed. Next: create the service user and state directory (systemd-sysusers; systemd-tmpfiles --create),"
	@echo "set [watch] inbox in $(SYSCONFDIR)/property-inbox/property-inbox.toml (and ReadWritePaths= in a drop-in if it is not /srv/property-inbox/inbox)"
	@echo "and the key in $(SYSCONFDIR)/property-inbox/secrets.env,"
	@echo "then: systemctl daemon-reload && systemctl enable --now property-inbox"

# Copies the built binary and everything a server needs under $(DESTDIR); used by `install` and `deb`.
install-files:
	install -D -m 0755 $(BINARY) $(DESTDIR)$(PREFIX)/bin/property-inbox
	install -D -m 0644 etc/property-inbox.toml $(DESTDIR)$(SYSCONFDIR)/property-inbox/property-inbox.toml
	install -d $(DESTDIR)$(PREFIX)/lib/systemd/system
	for unit in property-inbox.service property-inbox-backup.service property-inbox-backup.timer; do \
	  sed 's#/usr/local/bin/property-inbox#$(PREFIX)/bin/property-inbox#g' etc/systemd/$$unit \
	    > $(DESTDIR)$(PREFIX)/lib/systemd/system/$$unit; done
	install -D -m 0644 packaging/sysusers.conf $(DESTDIR)$(PREFIX)/lib/sysusers.d/property-inbox.conf
	install -D -m 0644 packaging/tmpfiles.conf $(DESTDIR)$(PREFIX)/lib/tmpfiles.d/property-inbox.conf
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/property-inbox/README.md
	install -D -m 0644 packaging/copyright $(DESTDIR)$(PREFIX)/share/doc/property-inbox/copyright
	install -D -m 0644 etc/sshd/property-inbox-sftp.conf $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/property-inbox-sftp.conf
	install -D -m 0644 etc/samba/property-inbox-share.conf $(DESTDIR)$(SYSCONFDIR)/samba/property-inbox-share.conf
	install -D -m 0644 etc/samba/global.conf.example $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/samba-global.conf.example
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BINARY) --generate-completion-script bash | sed '1{/^#!/d}' > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/property-inbox
	$(BINARY) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/vendor-completions/_property-inbox
	$(BINARY) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/property-inbox.fish
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	cat .build/man/property-inbox.1 packaging/property-inbox.1.sections | gzip -9n > $(DESTDIR)$(PREFIX)/share/man/man1/property-inbox.1.gz
	gzip -9nc packaging/property-inbox-site-sync.1 > $(DESTDIR)$(PREFIX)/share/man/man1/property-inbox-site-sync.1.gz
	install -D -m 0755 examples/site/sync-listings.sh $(DESTDIR)$(PREFIX)/bin/property-inbox-site-sync
	install -D -m 0644 etc/result.schema.json $(DESTDIR)$(PREFIX)/share/property-inbox/result.schema.json
	install -D -m 0644 -t $(DESTDIR)$(PREFIX)/share/doc/property-inbox docs/ARCHITECTURE.md docs/RELIABILITY.md docs/WEBSITE.md
	install -D -m 0644 etc/templates/listing.md.mustache $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/listing.md.mustache

# property-inbox_<version>_<arch>.deb in .build/deb/ (the path is printed last).
deb: release
	packaging/build-deb.sh .build/deb

# --- Photos: fuzzing and benchmark (block owned by the photo stage) ---------------------------
# `make fuzz-photos FUZZ_SECONDS=600` — libFuzzer + ASan + UBSan over EXIF, marker, PNG/HEIC/JPEG decode.
# `make fuzz-corpus` — every file in Fuzz/corpus once through the same code, plain debug build
#   (seconds; also part of `swift test`, as FuzzCorpusTests).
# `make photo-shapes` — regenerates Tests/Fixtures/photos/shapes (odd sizes, chroma layouts, alpha,
#   10-bit, thumbnails, rotations/mirrors) and copies them into the fuzz corpus.
# `make bench-photos BENCH_PHOTOS=50` — this project vs vipsthumbnail vs the seed's Pillow code.
# `make bench-photos-pipeline` — `property-inbox process` on those photos, workers vs in-process.
.PHONY: fuzz-photos fuzz-corpus photo-shapes bench-photos bench-photos-pipeline
FUZZ_SECONDS ?= 600
BENCH_PHOTOS ?= 50

fuzz-photos: deps
	Fuzz/fuzz-photos.sh $(FUZZ_SECONDS)

fuzz-corpus: build
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS) --filter FuzzCorpusTests

photo-shapes: deps
	rm -rf Tests/Fixtures/photos/shapes
	/usr/bin/python3 Tests/Fixtures/photos/make_shapes.py Tests/Fixtures/photos/shapes
	cp Tests/Fixtures/photos/shapes/*.heic Tests/Fixtures/photos/shapes/*.png Tests/Fixtures/photos/shapes/*.jpg Fuzz/corpus/

bench-photos: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="libvips-tools python3-pil bc time"
	Benchmarks/photos/bench.sh $(BENCH_PHOTOS)

bench-photos-pipeline: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="python3-pil bc time"
	Benchmarks/photos/bench-pipeline.sh $(BENCH_PHOTOS)

# --- Watch daemon: deployment + real-client integration tests, benchmarks (block owned by the daemon work) ---
# `make integration-test` — real sshd/smbd from etc/ on 127.0.0.1, sftp/smbclient uploads, kill -9,
#   inotify overflow (Tests/Integration, pytest; needs root, as here and in CI). Part of `make test`.
# `make bench-watch` — READY→processing latency, start-up reconciliation of 10,000 done folders,
#   idle CPU (Benchmarks/watch, release build). Not part of `make test`.
.PHONY: integration-deps integration-test bench-watch
# postgresql: test_scale_out.py starts its own server (initdb + pg_ctl) for the shared job queue.
INTEGRATION_PACKAGES := openssh-server openssh-client samba smbclient python3-seccomp systemd python3-paramiko procps util-linux tzdata lintian prometheus \
	postgresql
BENCH_WATCH_FOLDERS ?= 10000

integration-deps:
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(INTEGRATION_PACKAGES)"
	@python3 -c 'import pytest' 2>/dev/null || $(MAKE) --no-print-directory deps APT_PACKAGES=python3-pytest
	@python3 -c 'import pytest' 2>/dev/null || python3 -m pip install -q pytest

integration-test: build integration-deps
	python3 -m pytest -q --durations=15 Tests/Integration

bench-watch: deps integration-deps
	python3 Benchmarks/watch/bench_watch.py --folders $(BENCH_WATCH_FOLDERS) --update-doc

# --- Benchmarks: every runner under Benchmarks/ (docs/BENCHMARKS.md; Benchmarks/run-all.sh) ---------
# `make bench-smoke` — each runner built from this checkout (the debug build) and run at a tiny size
#   (seconds each); passes when each prints its table, no timing checked. Part of `make test`: a
#   runner that no longer builds or runs fails the tests.
# `make bench` — each at full size (release builds in .build-bench; minutes), the tables kept in
#   .build-bench/results/; the end says where in docs/BENCHMARKS.md each goes, with its command and commit.
#   `make bench-gateway` etc. run one (names: gateway photos photos-pipeline orchestration watch slow-provider).
.PHONY: bench-smoke bench bench-gateway bench-orchestration bench-slow-provider
BENCH_PACKAGES := libvips-tools python3-pil bc time
export BENCH_PHOTOS BENCH_WATCH_FOLDERS

bench-smoke: build
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BENCH_PACKAGES)"
	BUILD_FLAGS="$(BUILD_FLAGS)" Benchmarks/run-all.sh smoke

bench: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(BENCH_PACKAGES)"
	Benchmarks/run-all.sh full

bench-gateway bench-orchestration bench-slow-provider: deps
	Benchmarks/run-all.sh full $(@:bench-%=%)

# --- Agents (issue 22) -------------------------------------------------------------------------
# Agent spaces and folders uploaded without group write (README "Agents and their messages"):
# the examples an operator copies, installed with everything else.
.PHONY: install-agent-examples
install-files: install-agent-examples
install-agent-examples:
	install -D -m 0644 etc/sshd/property-inbox-sftp-spaces.conf $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/property-inbox-sftp-spaces.conf
	install -D -m 0644 etc/samba/property-inbox-spaces-share.conf $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/property-inbox-spaces-share.conf
	install -d $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples
	sed 's#/usr/local/bin/property-inbox#$(PREFIX)/bin/property-inbox#g' etc/systemd/property-inbox@.service \
	  > $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/property-inbox@.service
	install -D -m 0644 etc/systemd/property-inbox.service.d/upload-modes.conf $(DESTDIR)$(PREFIX)/share/doc/property-inbox/examples/upload-modes.conf

# The STARTTLS test makes a self-signed certificate with the openssl command.
INTEGRATION_PACKAGES += openssl
