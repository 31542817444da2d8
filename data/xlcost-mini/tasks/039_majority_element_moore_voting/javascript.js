// Function to find the candidate for majority
function findCandidate(A, size) {
    let maj_index = 0, count = 1;
    for (let i = 1; i < size; i++) {
        if (A[maj_index] == A[i])
            count++;
        else
            count--;
        if (count == 0) {
            maj_index = i;
            count = 1;
        }
    }
    return A[maj_index];
}

// Function to check if the candidate occurs more than n / 2 times
function isMajority(A, size, cand) {
    let count = 0;
    for (let i = 0; i < size; i++)
        if (A[i] == cand)
            count++;
    return count > Math.floor(size / 2);
}

// Function to print the majority element
function printMajority(A, size) {
    // Find the candidate for majority
    let cand = findCandidate(A, size);
    // Print the candidate if it is majority
    if (isMajority(A, size, cand))
        console.log(cand);
    else
        console.log("No Majority Element");
}

// Driver code
let A = [1, 3, 3, 1, 2];
printMajority(A, A.length);
let B = [2, 2, 3, 2, 5, 2, 2];
printMajority(B, B.length);
