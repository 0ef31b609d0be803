# breakglass in an image of its own: one static binary, CA roots, nothing else.
#
# From source, where a registry can be pulled from (docker or podman):
#   docker build -t breakglass:0.1.0 .
# From binaries built beforehand (what CI does, with no registry: nothing is pulled). The
# context is a folder holding breakglass-amd64 and/or breakglass-arm64 and ca-certificates.crt:
#   podman build --build-arg BINARY_FROM=prebuilt --platform linux/amd64,linux/arm64 \
#     --manifest breakglass:0.1.0 -f Dockerfile CONTEXT
# Either way:
#   docker run --rm --network container:GATEWAY -e DATABASE_URL breakglass:0.1.0 list-admins

# `source` or `prebuilt`: the stage the binary and the CA roots come from.
ARG BINARY_FROM=source

FROM docker.io/library/rust:1-bookworm AS source
ARG TARGETARCH
ARG BREAKGLASS_COMMIT=unknown
RUN case "$TARGETARCH" in \
      arm64) echo aarch64-unknown-linux-musl ;; \
      *) echo x86_64-unknown-linux-musl ;; \
    esac >/target \
 && rustup target add "$(cat /target)" \
 && apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# musl-gcc compiles the bundled SQLite for the machine's own architecture.
RUN target=$(cat /target) \
 && env "CC_$(echo "$target" | tr - _)=musl-gcc" BREAKGLASS_COMMIT="$BREAKGLASS_COMMIT" \
      cargo build --release --locked --target "$target" \
 && mkdir /out \
 && cp "target/$target/release/breakglass" /out/breakglass \
 && cp /etc/ssl/certs/ca-certificates.crt /out/ca-certificates.crt

FROM scratch AS prebuilt
ARG TARGETARCH
COPY breakglass-${TARGETARCH} /out/breakglass
COPY ca-certificates.crt /out/ca-certificates.crt

FROM ${BINARY_FROM} AS binary

FROM scratch
COPY --from=binary /out/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=binary /out/breakglass /usr/local/bin/breakglass
# No user database in scratch: the audit record names the numeric uid.
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["breakglass"]
