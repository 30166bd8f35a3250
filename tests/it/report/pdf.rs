//! `qfill report --pdf`: without Chromium, and with a stand-in that prints or fails (its
//! arguments checked); the HTML is always written. Real Chromium is the browser tier's
//! (`browser.rs`).

use std::fs;

use crate::common::{Scratch, qfill, repo};

#[test]
fn without_chromium_the_html_is_written_and_the_message_says_how_to_install_it() {
    let dir = Scratch::new();
    let out = dir.path().join("r.html");
    let pdf = dir.path().join("r.pdf");
    let empty = dir.path().join("bin");
    fs::create_dir(&empty).unwrap();
    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .env("PATH", &empty)
        .env_remove("QFILL_CHROMIUM")
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("Chromium was not found"), "{stderr}");
    assert!(stderr.contains("apt-get install chromium"), "{stderr}");
    assert!(
        stderr.contains("wrote"),
        "the totals line still comes: {stderr}"
    );
    assert!(out.exists() && !pdf.exists());

    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--force",
            "--pdf",
            pdf.to_str().unwrap(),
            "--chromium",
            "/nonexistent/chromium",
        ])
        .assert()
        .code(2);
    assert!(
        String::from_utf8_lossy(&assert.get_output().stderr)
            .contains("`--chromium /nonexistent/chromium` is not an executable file")
    );

    // A PDF that exists is not replaced without --force, and nothing is done.
    fs::write(&pdf, "keep").unwrap();
    let fresh = dir.path().join("fresh.html");
    qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            fresh.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    assert!(!fresh.exists());
    assert_eq!(fs::read_to_string(&pdf).unwrap(), "keep");
}

/// A stand-in for Chromium: a script that logs its arguments and either prints a PDF to the
/// path `--print-to-pdf=` names or fails.
#[cfg(unix)]
fn fake_chromium(dir: &std::path::Path, works: bool) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("args.log");
    let body = if works {
        "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > \"${a#--print-to-pdf=}\";; esac; done"
    } else {
        "echo 'cannot open display' >&2; exit 3"
    };
    let script = dir.join("chromium");
    fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n{body}\n",
            log.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

#[cfg(unix)]
#[test]
fn the_pdf_is_printed_by_the_chromium_named_with_a_throwaway_profile_or_the_failure_is_said() {
    let dir = Scratch::new();
    let out = dir.path().join("r.html");
    let pdf = dir.path().join("r.pdf");
    let chromium = fake_chromium(dir.path(), true);
    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--pdf",
            pdf.to_str().unwrap(),
        ])
        .env("QFILL_CHROMIUM", &chromium)
        .assert()
        .code(0);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.ends_with(&format!("wrote {} and {}\n", out.display(), pdf.display())),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&pdf).unwrap(), "%PDF-1.4 fake");
    let args = fs::read_to_string(dir.path().join("args.log")).unwrap();
    let args: Vec<&str> = args.lines().collect();
    for want in [
        "--headless",
        "--disable-background-networking",
        "--no-first-run",
    ] {
        assert!(args.contains(&want), "{want} in {args:?}");
    }
    let profile = args
        .iter()
        .find_map(|a| a.strip_prefix("--user-data-dir="))
        .unwrap();
    assert!(
        !std::path::Path::new(profile).exists(),
        "the profile is thrown away: {profile}"
    );
    assert!(args.last().unwrap().starts_with("file://"));
    // SAFETY: geteuid cannot fail.
    let root = rustix::process::geteuid().as_raw() == 0;
    assert_eq!(
        args.contains(&"--no-sandbox"),
        root,
        "--no-sandbox only as root"
    );

    // A Chromium that fails: the HTML is written, the PDF is not, the run exits 2.
    let broken = Scratch::new();
    let chromium = fake_chromium(broken.path(), false);
    let pdf2 = dir.path().join("r2.pdf");
    let assert = qfill()
        .args([
            "report",
            repo("examples").to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--force",
            "--pdf",
            pdf2.to_str().unwrap(),
            "--chromium",
            chromium.to_str().unwrap(),
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        stderr.contains("cannot open display") && stderr.contains("the HTML report was written"),
        "{stderr}"
    );
    assert!(!pdf2.exists());
}
