//! Throw-away certificates for the test SMTP servers.
//!
//! [`make_certs`] creates a fresh CA and a leaf certificate signed by it for
//! `localhost` and `127.0.0.1`. Every call makes a new, unrelated CA, so a
//! second call gives a server certificate that a client trusting only the
//! first CA must reject ([`make_untrusted_certs`] is that second call, named
//! for readability).

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};

/// PEM texts of a CA and of a server certificate (with its key) signed by it.
#[derive(Clone, Debug)]
pub struct TestCerts {
    /// The CA certificate a client has to trust.
    pub ca_pem: String,
    /// The server's leaf certificate (`localhost`, `127.0.0.1`).
    pub cert_pem: String,
    /// The leaf certificate's private key (PKCS#8).
    pub key_pem: String,
}

/// A new CA and a leaf certificate for `localhost` and IP `127.0.0.1` signed by it.
pub fn make_certs() -> TestCerts {
    make_certs_for(&["localhost", "127.0.0.1"], None)
}

/// A new CA and a leaf certificate signed by it for `names`, valid in the
/// years `valid` (from, to: 1 January each) when given, rcgen's default
/// (1975 to 4096) otherwise: a certificate made out for another host, or
/// one that has expired.
pub fn make_certs_for(names: &[&str], valid: Option<(i32, i32)>) -> TestCerts {
    make_certs_with(names, |leaf| {
        if let Some((from, to)) = valid {
            leaf.not_before = rcgen::date_time_ymd(from, 1, 1);
            leaf.not_after = rcgen::date_time_ymd(to, 1, 1);
        }
    })
}

/// A new CA and a leaf certificate for `names` signed by it, its
/// parameters changed by `adjust` before signing.
pub fn make_certs_with(names: &[&str], adjust: impl FnOnce(&mut CertificateParams)) -> TestCerts {
    let (ca_pem, ca) = new_ca();
    let leaf_key = KeyPair::generate().expect("generate leaf key");
    let mut leaf_params = leaf_params(names);
    adjust(&mut leaf_params);
    let leaf_cert = leaf_params
        .signed_by(&leaf_key, &ca)
        .expect("sign leaf certificate");
    TestCerts {
        ca_pem,
        cert_pem: leaf_cert.pem(),
        key_pem: leaf_key.serialize_pem(),
    }
}

/// A leaf for `localhost` and `127.0.0.1` signed by an intermediate that
/// is not allowed to sign (`CA:FALSE`), itself signed by a new CA: the
/// server presents the leaf and the intermediate; `ca_pem` is the CA.
pub fn make_certs_through_a_non_ca_intermediate() -> TestCerts {
    let (ca_pem, ca) = new_ca();
    let middle_key = KeyPair::generate().expect("generate intermediate key");
    let mut middle_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    middle_params
        .distinguished_name
        .push(DnType::CommonName, "appeal test intermediate");
    middle_params.is_ca = IsCa::ExplicitNoCa;
    let middle_cert = middle_params
        .signed_by(&middle_key, &ca)
        .expect("sign intermediate");
    let middle = Issuer::new(middle_params, middle_key);

    let leaf_key = KeyPair::generate().expect("generate leaf key");
    let leaf_cert = leaf_params(&["localhost", "127.0.0.1"])
        .signed_by(&leaf_key, &middle)
        .expect("sign leaf certificate");
    TestCerts {
        ca_pem,
        cert_pem: leaf_cert.pem() + &middle_cert.pem(),
        key_pem: leaf_key.serialize_pem(),
    }
}

/// A new CA (`appeal test CA`): its PEM, and the issuer that signs with it.
fn new_ca() -> (String, Issuer<'static, KeyPair>) {
    let ca_key = KeyPair::generate().expect("generate CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "appeal test CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca_params.self_signed(&ca_key).expect("self-sign CA");
    (ca_cert.pem(), Issuer::new(ca_params, ca_key))
}

/// A server certificate's parameters: `CN=localhost`, made out for
/// `names`, for server authentication only.
fn leaf_params(names: &[&str]) -> CertificateParams {
    let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut params = CertificateParams::new(names).expect("leaf params");
    params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    params
}

/// Certificates from a CA of their own: a client that trusts the CA of an
/// earlier [`make_certs`] call does not trust these.
pub fn make_untrusted_certs() -> TestCerts {
    make_certs()
}

/// Write the CA certificate to `dir/test-ca.pem` and return that path (to be
/// given to the client as its `ca_file`).
pub fn write_ca(dir: &Path, certs: &TestCerts) -> PathBuf {
    let path = dir.join("test-ca.pem");
    std::fs::write(&path, &certs.ca_pem)
        .unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// A self-signed certificate with `CA:TRUE` and no host names, made the way
/// `openssl req -x509 -newkey … -subj /CN=localhost` (and Proton Mail
/// Bridge, and Debian's snakeoil) make one: the server presents it as its
/// own, and it is also its own CA (`ca_pem` is the same certificate).
pub fn make_self_signed_ca_cert() -> TestCerts {
    let key = KeyPair::generate().expect("generate key");
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, "localhost");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let cert = params.self_signed(&key).expect("self-sign");
    TestCerts {
        ca_pem: cert.pem(),
        cert_pem: cert.pem(),
        key_pem: key.serialize_pem(),
    }
}

/// The SHA-256 fingerprint of the first certificate in `pem`, as
/// `sha256:AB:CD:…` (what `openssl x509 -fingerprint -sha256` shows,
/// computed here independently of the code under test).
pub fn fingerprint(pem: &str) -> String {
    use sha2::Digest;
    let der = rustls_pemfile::certs(&mut pem.as_bytes())
        .next()
        .expect("a certificate")
        .expect("valid PEM");
    let digest = sha2::Sha256::digest(der.as_ref());
    let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
    format!("sha256:{}", hex.join(":"))
}
