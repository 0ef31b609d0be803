# breakglass in an image of its own: one static binary, CA roots, nothing else.
#   docker build -t breakglass .
#   docker run --rm --network container:GATEWAY -e DATABASE_URL breakglass list-admins
FROM rust:1-bookworm AS build
RUN rustup target add x86_64-unknown-linux-musl \
 && apt-get update \
 && apt-get install -y --no-install-recommends musl-tools \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked --target x86_64-unknown-linux-musl

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /src/target/x86_64-unknown-linux-musl/release/breakglass /usr/local/bin/breakglass
# No user database in scratch: the audit record names the numeric uid.
USER 65532:65532
WORKDIR /work
ENTRYPOINT ["breakglass"]
